; Hello, world: HAL service 12h prints a NUL-terminated string, 11h one character.
        mov a, 12h
        mov c, greeting
        int 13h
        mov a, 11h
        mov c, 10               ; newline
        int 13h
        mov a, 10h              ; and a number: 42
        mov c, 42
        int 13h
        halt
greeting: .asciz "Hello, world!"
