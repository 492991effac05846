; String copy and compare, REPEAT times over: copy a 261-character string, copy the copy, compare
; it with the original, change one byte, compare both ways.
; Result: 1045 = 4 * length + compare(copy, text) + 2 * compare(changed, text) + compare(text, changed)
;              = 4 * 261 + 0 + 2 * 1 + (-1 modulo 2^16). Native twin: bench/native/strings.c.

.equ REPEAT, 42160          ; the bench command rewrites this line to scale the run
.equ BUF1, 4000h            ; two 512-byte buffers past the program
.equ BUF2, 4200h

        mov fp, REPEAT
again:  mov b, BUF1             ; e = 4 * length
        mov c, text
        call copy
        mov e, a
        shl e, 2
        mov b, BUF2             ; the copy of the copy
        mov c, BUF1
        call copy
        mov b, BUF2             ; + compare(copy, text) = 0
        mov c, text
        call compare
        add e, a
        loadb d, [BUF2 + 40]    ; change one byte of the copy
        add d, 1
        storeb [BUF2 + 40], d
        mov b, BUF2             ; + 2 * compare(changed, text) = 2 * 1
        mov c, text
        call compare
        shl a, 1
        add e, a
        mov b, text             ; + compare(text, changed) = -1
        mov c, BUF2
        call compare
        add e, a

        sub fp, 1
        cmp fp, 0
        jnz again

        mov a, 10h              ; print the sum
        mov c, e
        int 13h
        halt

; copy: copies the NUL-terminated string at c to b (NUL included); a = its length. Uses d.
copy:   mov a, c
copyb:  loadb d, [c + 0]
        storeb [b + 0], d
        add c, 1
        add b, 1
        test d, d
        jnz copyb
        sub c, a                ; c went one past the NUL
        sub c, 1
        mov a, c
        ret

; compare: the strings at b and c; a = 0 if they are equal, else (byte of b) - (byte of c) at the
; first difference, modulo 2^16. Uses d.
compare: loadb a, [b + 0]
        loadb d, [c + 0]
        cmp a, d
        jnz differ
        add b, 1
        add c, 1
        test a, a
        jnz compare
        ret
differ: sub a, d
        ret

text:   .ascii "Machine code belongs to one CPU. Armistice reads four bytes at a time, big-endian; "
        .ascii "Intellio reads one to four, little-endian. Run one's binary on the other and it is "
        .asciz "misdecoded: wrong instructions, wrong arguments, then death on garbage. An emulator translates."
