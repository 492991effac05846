; A loop: cmp and the conditional jump become one host cmp and one host jump; the block chains to itself.
        mov c, 5
        mov b, 0
again:  add b, c
        sub c, 1
        cmp c, 0
        jnz again
        mov a, 10h
        mov c, b
        int 13h
        halt
