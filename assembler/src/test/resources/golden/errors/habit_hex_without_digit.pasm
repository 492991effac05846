; hex as x86 assemblers often allow
    mov a, FFh
    halt
