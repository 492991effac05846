; Bubble sort of 128 pseudo-random words (unsigned, ascending), REPEAT times over.
; Result: 11645, the sum of (i + 1) * array[i] modulo 2^16, which changes if any two differing
; words are out of order. Native twin: bench/native/sort.c.
;
; Each repetition refills the array from the same linear congruential generator
; (x = x * 25173 + 13849, modulo 2^16, from x = 1), so every repetition sorts the same input.

.equ REPEAT, 3760           ; the bench command rewrites this line to scale the run
.equ COUNT, 128
.equ ARRAY, 4000h           ; COUNT words past the program (word-aligned, as Armistice requires)
.equ END, ARRAY + 2 * COUNT

        mov fp, REPEAT
again:  mov b, ARRAY
        mov c, 1
fill:   mul c, 25173
        add c, 13849
        store [b + 0], c
        add b, 2
        cmp b, END
        jb fill

        mov e, END - 2          ; e = the last word this pass compares
pass:   mov b, ARRAY
bubble: load c, [b + 0]
        load d, [b + 2]
        cmp c, d
        jbe inorder
        store [b + 0], d        ; swap the neighbours
        store [b + 2], c
inorder: add b, 2
        cmp b, e
        jb bubble
        sub e, 2                ; the largest word has sunk to the end: one word fewer next pass
        cmp e, ARRAY
        ja pass

        mov b, ARRAY            ; e = sum of (i + 1) * array[i], f = i + 1
        mov e, 0
        mov f, 1
sum:    load c, [b + 0]
        mul c, f
        add e, c
        add f, 1
        add b, 2
        cmp b, END
        jb sum

        sub fp, 1
        cmp fp, 0
        jnz again

        mov a, 10h              ; print the checksum
        mov c, e
        int 13h
        halt
