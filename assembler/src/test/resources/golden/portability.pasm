; Flags that portable code may test come only from cmp and test.
loop:   sub a, 1
        jnz loop            ; warning: flags from sub
        add b, c
        mov d, 1            ; mov leaves the flags alone...
        jz done             ; ...so still a warning: flags from add
        shl c, 1
        cmp c, 0
        jz done             ; fine: cmp
        neg e
next:   jnz next            ; fine: a label forgets who set the flags
        test a, a
        jnz loop            ; fine: test
done:   halt
