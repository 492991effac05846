; call and ret: the return address is a guest word on the guest stack; ret leaves through an inline
; cache (cmp r7 with the guest address, jz to its host code) before the dispatcher.
        mov d, 3
next:   call twice
        sub d, 1
        cmp d, 0
        jnz next
        mov a, 10h
        int 13h
        halt
twice:  add c, c
        add c, 1
        ret
