; Signed and unsigned compares of the same bits: FFFFh is -1 signed, 65535 unsigned.
        mov b, 0FFFFh
        mov c, 1
        mov e, 0
        cmp b, c
        jlt s_less              ; signed: -1 < 1
        jmp s_next
s_less: or e, 1
s_next: cmp b, c
        jb u_less               ; unsigned: 65535 < 1 is false
        or e, 2
u_less: cmp c, b
        jgt s_gt                ; signed: 1 > -1
        jmp u_test
s_gt:   or e, 4
u_test: cmp c, b
        ja u_gt                 ; unsigned: 1 > 65535 is false
        or e, 8
u_gt:   mov d, 8000h            ; -32768 < 32767 signed, above unsigned
        mov c, 7FFFh
        cmp d, c
        jge no16
        or e, 16
no16:   cmp d, c
        jbe no32
        or e, 32
no32:   cmp c, c
        jnz no64
        or e, 64
no64:   mov a, 10h
        mov c, e
        int 13h                 ; 1 + 2 + 4 + 8 + 16 + 32 + 64 = 127
        halt
