; Flags from arithmetic: add sets the carry (Intellio: C = carry out; Armistice's C after cmp is "no
; borrow"), inc keeps it; jb reads it after the inc, from r11.
        mov a, 0FFFFh
        mov b, 1
        add a, b
        inc b
        jb carried
        mov c, 0
        jmp show
carried: mov c, 1
show:   mov a, 10h
        int 13h
        halt
