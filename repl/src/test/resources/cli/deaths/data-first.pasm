; The string is placed before the code, where the program is entered: its bytes run as instructions.
msg:    .asciz "Hello, world"
start:  mov a, 12h
        mov c, msg
        int 13h
        halt
