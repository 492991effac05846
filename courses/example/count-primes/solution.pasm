; Sieve of Eratosthenes: sieve[i] = 1 marks i as composite.
        mov a, 21h
        int 13h
        mov d, c            ; d = N
        mov b, 2            ; b = candidate
        mov e, 0            ; e = count
outer:  cmp b, d
        jae done
        loadb a, [b + sieve]
        cmp a, 0
        jnz skip
        add e, 1            ; b is prime
        mov f, b            ; cross out its multiples from 2b
        add f, b
cross:  cmp f, d
        jae skip
        mov a, 1
        storeb [f + sieve], a
        add f, b
        jmp cross
skip:   add b, 1
        jmp outer
done:   mov c, e
        mov a, 10h
        int 13h
        halt
sieve:  .space 4000
