; 8x8 matrix multiply of 16-bit words, C = A x B (modulo 2^16), REPEAT times over.
; Result: 4224, the sum of C's 64 words modulo 2^16. Native twin: bench/native/matmul.c.
;
; A and B are filled once from a linear congruential generator (x = x * 25173 + 13849, modulo
; 2^16, from x = 1): A's 64 words first, row by row, then B's. Matrices are row-major, so A[i][k]
; is at MA + i*16 + k*2 and B[k][j] at MB + k*16 + j*2.

.equ REPEAT, 49680          ; the bench command rewrites this line to scale the run
.equ MA, 4000h             ; A, B and C (the names a, b, c are registers)
.equ MB, 4080h
.equ MC, 4100h

        mov b, MA               ; fill A and B: 128 words from A up
        mov c, 1
fill:   mul c, 25173
        add c, 13849
        store [b + 0], c
        add b, 2
        cmp b, MC
        jb fill

again:  mov b, 0                ; b = i * 16, row i's offset
row:    mov c, 0                ; c = j * 2, column j's offset
col:    mov e, 0                ; e = the dot product of row i of A and column j of B
        mov d, b                ; d = offset of A[i][k]
        mov f, c                ; f = offset of B[k][j]
dot:    load a, [d + MA]
        load fp, [f + MB]
        mul a, fp
        add e, a
        add d, 2
        add f, 16
        cmp f, 128              ; k = 8 (f = 128 + j*2) ends the row
        jb dot
        mov d, b                ; C[i][j] = e
        add d, c
        store [d + MC], e
        add c, 2
        cmp c, 16
        jb col
        add b, 16
        cmp b, 128
        jb row

        mov b, MC               ; e = the sum of C
        mov e, 0
total:  load a, [b + 0]
        add e, a
        add b, 2
        cmp b, MC + 128
        jb total

        load a, [repeats]       ; every register is busy above: the repeat count lives in memory
        sub a, 1
        store [repeats], a
        cmp a, 0
        jnz again

        mov a, 10h              ; print the sum
        mov c, e
        int 13h
        halt

        .align 2
repeats: .word REPEAT
