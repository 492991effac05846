; Memory and strings: store words in a table, add them up, reverse a string in place.
.equ TABLE, 3000h
        mov b, TABLE
        mov d, 1
fill:   store [b + 0], d        ; TABLE = 1, 2, 4, ..., 512
        add b, 2
        shl d, 1
        cmp d, 1024
        jnz fill
        mov b, TABLE
        mov e, 0
        mov d, 10
add:    load c, [b + 0]
        add e, c
        add b, 2
        sub d, 1
        cmp d, 0
        jnz add
        mov a, 10h
        mov c, e
        int 13h                 ; 1023

        mov b, text             ; reverse text in place: b from the left, c from the right
        mov c, text_end
        sub c, 2                ; the last character (before the NUL)
rev:    cmp b, c
        jae done
        loadb d, [b + 0]
        loadb e, [c + 0]
        storeb [b + 0], e
        storeb [c + 0], d
        add b, 1
        sub c, 1
        jmp rev
done:   mov a, 12h
        mov c, text
        int 13h
        mov a, 11h
        mov c, 10
        int 13h
        halt
text:   .asciz "stressed"
text_end:
