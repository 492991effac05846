; Self-modifying code: the store rewrites the constant of "mov c, 1" after it was translated; the
; translation is invalidated and the new bytes are translated, so it prints 2 the second time.
        mov d, 2
again:  mov a, 10h
patch:  mov c, 1
        int 13h
        mov b, patch
        mov e, 2
        storeb [b + 1], e
        sub d, 1
        cmp d, 0
        jnz again
        halt
