; Native Intellio mnemonics and form names (an error on Armistice).
        xchg a, b
        inc c
        dec d
        mov a, [b + 2]
        add a, [c]
        and.i16 a, 5
        jz.rel16 x
        movb e, [f]
x:      hlt
