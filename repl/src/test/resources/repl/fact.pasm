; Reads n and prints n!, computed by a recursive subroutine.
main:
    mov a, 21h
    int 13h             ; c = n, read from standard input
    mov a, c
    call fact           ; a = a!
    mov c, a
    mov a, 10h
    int 13h             ; print it
    halt

; fact: a = a!  (a <= 1: 1; else a * fact(a - 1))
fact:
    cmp a, 1
    jbe base
    push a
    sub a, 1
    call fact
    pop b
    mul a, b
    ret
base:
    mov a, 1
    ret
