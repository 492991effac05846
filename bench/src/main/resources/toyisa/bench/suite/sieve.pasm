; Sieve of Eratosthenes: counts the primes below 8192, REPEAT times over.
; Result: 1028 (the number of primes below 8192). Native twin: bench/native/sieve.c.
;
; The flags are one byte per number in memory past the program (memory starts zeroed and nothing
; else lives there). Each repetition sets them all, then crosses out the multiples of every prime
; below 91 (91 * 91 > 8192, and 91 * 91 would not even fit in 16 bits).

.equ REPEAT, 1790           ; the bench command rewrites this line to scale the run
.equ N, 8192
.equ FLAGS, 4000h           ; flags[0 .. N-1] at 4000h-5FFFh

        mov fp, REPEAT
again:  mov b, FLAGS + 2        ; every number from 2 up is a candidate
        mov c, FLAGS + N
        mov d, 1
fill:   storeb [b + 0], d
        add b, 1
        cmp b, c
        jb fill

        mov b, 2                ; b = the number, e = primes found
        mov e, 0
scan:   loadb d, [b + FLAGS]
        test d, d
        jz next                 ; crossed out: not a prime
        add e, 1
        cmp b, 91
        jae next                ; its multiples are crossed out already
        mov c, b                ; cross out b*b, b*b + b, ... below N
        mul c, b
        mov d, 0
cross:  storeb [c + FLAGS], d
        add c, b
        cmp c, N
        jb cross
next:   add b, 1
        cmp b, N
        jb scan

        sub fp, 1
        cmp fp, 0
        jnz again

        mov a, 10h              ; print the count
        mov c, e
        int 13h
        halt
