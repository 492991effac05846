; CRC-16/CCITT-FALSE (polynomial 1021h, initial value FFFFh, no reflection), bit by bit, over a
; 1 KiB buffer, REPEAT times over.
; Result: 62065. Native twin: bench/native/crc16.c.
;
; The buffer is filled once with the high bytes of a linear congruential generator
; (x = x * 25173 + 13849, modulo 2^16, from x = 1).

.equ REPEAT, 3870           ; the bench command rewrites this line to scale the run
.equ LEN, 1024
.equ BUF, 4000h             ; LEN bytes past the program
.equ END, BUF + LEN

        mov b, BUF
        mov c, 1
fill:   mul c, 25173
        add c, 13849
        mov d, c
        shr d, 8
        storeb [b + 0], d
        add b, 1
        cmp b, END
        jb fill

        mov fp, REPEAT
again:  mov e, 0FFFFh           ; e = the CRC
        mov b, BUF
byte:   loadb d, [b + 0]        ; the next byte goes into the top of the CRC
        shl d, 8
        xor e, d
        mov f, 8                ; then eight shifts, each with the polynomial if a 1 falls out
bit:    test e, 8000h
        jz zero
        shl e, 1
        xor e, 1021h
        jmp shifted
zero:   shl e, 1
shifted: sub f, 1
        cmp f, 0
        jnz bit
        add b, 1
        cmp b, END
        jb byte

        sub fp, 1
        cmp fp, 0
        jnz again

        mov a, 10h              ; print the CRC
        mov c, e
        int 13h
        halt
