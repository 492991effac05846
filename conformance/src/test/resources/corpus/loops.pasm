; Counting loops: print 1 to 5, then the sum 1 + 2 + ... + 100.
        mov b, 1
count:  mov a, 10h
        mov c, b
        int 13h
        add b, 1
        cmp b, 6
        jnz count

        mov b, 0                ; sum
        mov d, 100
sum:    add b, d
        sub d, 1
        cmp d, 0
        jnz sum
        mov a, 10h
        mov c, b
        int 13h
        halt
