; Recursion with call/ret: fact(7) and fib(15), each argument and result in b.
        mov b, 7
        call fact
        mov a, 10h
        mov c, b
        int 13h
        mov b, 15
        call fib
        mov a, 10h
        mov c, b
        int 13h
        halt

; fact: b = b! (modulo 2^16)
fact:   cmp b, 1
        jgt fact_rec
        mov b, 1
        ret
fact_rec:
        push b
        sub b, 1
        call fact
        pop c
        mul b, c
        ret

; fib: b = fib(b), naive recursion
fib:    cmp b, 2
        jlt fib_done
        push b
        sub b, 1
        call fib
        pop c
        push b                  ; fib(n-1)
        mov b, c
        sub b, 2
        call fib
        pop c
        add b, c
fib_done:
        ret
