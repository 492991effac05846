; Every directive, and the expression language.
        .include "inc/defs.inc"
        .equ COUNT, 3 * (2 + 1)          ; 9
        .equ MASK, ~0FFh & 0FFFFh        ; 0FF00h
        .equ MIX, 1 << 4 | 0b1010 ^ 0x3  ; | binds loosest: 10h | (0Ah ^ 3) = 19h
        .equ NEG, -(5 - 7) * 2 % 3       ; 4 % 3 = 1
        .equ CH, 'A' + 1
.macro print_num value
        mov a, 10h
        mov c, value
        int HAL
.endm
start:  print_num COUNT
        print_num CH
        mov a, lo(table)
        mov b, hi(table)
        mov c, MASK >> 8
        mov d, MIX + NEG
        mov e, $
        halt
        .org 0200h
table:  .byte 1, 2, -1, 'Z', "ok"
        .word 1234h, table, -2
        .ascii "abc", "\x41\t"
        .asciz "de\n"
        .align 4
        .space 5
        .space 3, 0EEh
        .align 8
end:    .byte (end - table) % 256, COUNT / 2, 17 % 5
