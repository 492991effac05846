; factorial.pasm: recursion. Reads n and prints n!, computed by a subroutine that calls itself.
; The calling convention of these examples: the argument in a, the result in a; the subroutine
; saves what else it changes on the stack and leaves sp as it found it.
;
; In the REPL, as a gdb user would: break fact if a == 1, continue, bt, finish,
; reverse-continue.

main:
        mov a, 21h
        int 13h             ; c = n
        mov a, c
        call fact           ; a = n!
        mov c, a
        mov a, 10h
        int 13h
        halt

; fact: a = a!  (1 for a <= 1, else a * fact(a - 1))
fact:
        cmp a, 1
        jbe base
        push a              ; keep a: the call below changes it
        sub a, 1
        call fact           ; a = (a - 1)!
        pop b               ; b = the a we kept
        mul a, b
        ret
base:
        mov a, 1
        ret
