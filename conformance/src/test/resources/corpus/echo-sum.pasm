; Standard input: read numbers (HAL 21h) until end of input, print each doubled, then the sum.
        mov e, 0
next:   mov a, 21h
        int 13h
        cmp c, 0FFFFh
        jz done
        add e, c
        add c, c
        mov a, 10h
        int 13h
        jmp next
done:   mov a, 10h
        mov c, e
        int 13h
        mov a, 0                ; exit with status 3
        mov c, 3
        int 13h
