; Self-modifying code: call a routine, copy another routine's bytes over it, call it again.
; The first call has the CPU decode 'target'; the copy must make it decode the new bytes.
        call target             ; prints 1
        mov b, target
        mov c, two
        mov d, two_end - two
copy:   loadb e, [c + 0]
        storeb [b + 0], e
        add b, 1
        add c, 1
        sub d, 1
        cmp d, 0
        jnz copy
        call target             ; now prints 2
        halt
target: mov a, 10h
        mov c, 1
        int 13h
        ret
two:    mov a, 10h
        mov c, 2
        int 13h
        ret
two_end:
