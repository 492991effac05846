; A word load at an odd address: Armistice demands 2-alignment (bus error, 135);
; Intellio, like x86, does not mind.
        mov b, data
        add b, 1                ; data is word-aligned, so data + 1 is odd
        load c, [b + 0]
        mov a, 10h
        int 13h
        halt
        .align 2
data:   .byte 11h, 22h, 33h, 44h
