; A program that never ends: the instruction budget stops it (124) and names the loop.
        mov a, 10h
        mov c, 9
        int 13h
spin:   add b, 1
        jmp spin
