; fact: c = N!, recursively. Uses the stack for the return address and the saved N.
        mov a, 21h
        int 13h             ; c = N
        call fact
        mov a, 10h
        int 13h
        halt
fact:   cmp c, 1
        jbe base
        push c
        sub c, 1
        call fact           ; c = (N-1)!
        pop b
        mul c, b
        ret
base:   mov c, 1
        ret
