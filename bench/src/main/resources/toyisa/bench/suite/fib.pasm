; Iterative Fibonacci: F(1000) modulo 2^16 (the word wraps, so this is exact), REPEAT times over.
; Result: 24651. Native twin: bench/native/fib.c.

.equ REPEAT, 35680          ; the bench command rewrites this line to scale the run
.equ N, 1000

        mov fp, REPEAT
again:  mov b, 0                ; b = F(k), c = F(k+1), starting at k = 0
        mov c, 1
        mov d, N                ; steps left
step:   mov e, b                ; (b, c) = (c, b + c)
        add e, c
        mov b, c
        mov c, e
        sub d, 1
        cmp d, 0
        jnz step

        sub fp, 1
        cmp fp, 0
        jnz again

        mov a, 10h              ; print F(N)
        mov c, b
        int 13h
        halt
