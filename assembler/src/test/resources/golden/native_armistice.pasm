; Native Armistice mnemonics, form names and registers (an error on Intellio).
        and.imm.reg a, 5
        add r7, r8, r9
        swap a
        ld r10, [r11 + 2]
        out 1234h, 42
        out 1234h, c
        tst a, b
        jn x
x:      halt
