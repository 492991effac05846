; Insertion sort: each number read is put in its place among those before it.
        mov d, 0            ; d = bytes in the array (two a number)
read:   mov a, 21h
        int 13h
        cmp c, 0FFFFh
        jz output
        mov e, d            ; e = the slot to fill
shift:  cmp e, 0
        jz place
        mov f, e
        sub f, 2
        load b, [f + array]
        cmp b, c
        jbe place           ; array[e-2] <= c: c goes at e
        store [e + array], b
        mov e, f
        jmp shift
place:  store [e + array], c
        add d, 2
        jmp read
output: mov e, 0
print:  cmp e, d
        jae done
        load c, [e + array]
        mov a, 10h
        int 13h
        add e, 2
        jmp print
done:   halt
        .align 2
array:  .space 200
