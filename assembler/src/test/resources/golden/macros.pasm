; Macros: parameters, a unique label per expansion (\@), a macro using another.
.macro countdown reg, from
        mov reg, from
loop\@: sub reg, 1
        cmp reg, 0
        jnz loop\@
.endm
.macro print reg
        push a
        push c
        mov c, reg
        mov a, 10h
        int 13h
        pop c
        pop a
.endm
.macro both r1, r2
        print r1
        print r2
.endm
        countdown b, 3
        countdown d, 300
        both b, d
        halt
