; Jumps at exactly the short/long boundary, both directions.
f127:   jmp t127            ; +127: short
        .space 127
t127:   jmp t128            ; +128: long
        .space 128
t128:   nop
back:   .space 126
        jz back             ; -128: short
back2:  .space 127
        jz back2            ; -129 as a short jump: long
        halt
