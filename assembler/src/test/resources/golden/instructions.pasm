; Every portable instruction in every operand form.
start:  mov a, b
        mov c, 42
        mov d, 1234h
        mov e, data
        add a, b
        add a, 5
        add a, 300
        sub b, c
        sub b, -2
        and c, d
        and c, 0FF00h
        or d, e
        or d, 80h
        xor e, f
        xor e, 1
        mul f, a
        mul f, 10
        divu a, b
        divu a, 10
        modu b, c
        modu b, 7
        shl a, b
        shl a, 1
        shl a, 4
        shr c, d
        shr c, 1
        sar e, f
        sar e, 2
        not fp
        neg a
        load a, [b + 4]
        load a, [b]
        load a, [b - 2]
        load a, [data]
        loadb c, [d + 1]
        loadb c, [data + 1]
        store [b + 4], a
        store [data], a
        storeb [d], c
        storeb [data + 1], c
        push fp
        pop fp
        call sub1
        call c
        jmp next
        jmp d
next:   cmp a, b
        cmp a, 10
        test c, d
        test c, 1
        jz start
        jnz start
        jlt start
        jge start
        jgt start
        jle start
        jb start
        jae start
        ja start
        jbe start
        int 13h
        nop
        halt
sub1:   ret
        .align 2
data:   .word 0, 0
