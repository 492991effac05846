; hello.pasm: strings. Prints a greeting with the HAL's print-string service, then again
; one character at a time, to show what "a NUL-terminated string" means.
;
;   toyisa asm --target armistice -o hello.bin hello.pasm
;   toyisa run --cpu armistice hello.bin

start:
        mov a, 12h          ; HAL 12h: print the NUL-terminated string at c
        mov c, greeting
        int 13h

        mov b, greeting     ; b walks through the string
again:  loadb c, [b]        ; c = the byte at b
        cmp c, 0            ; the NUL at the end?
        jz done
        mov a, 11h          ; HAL 11h: print the character in c
        int 13h
        add b, 1
        jmp again
done:   halt

; Data goes after the code: placed before it, its bytes would be run as instructions.
greeting:
        .asciz "Hello from toyisa!\n"
