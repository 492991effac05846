        mov b, 0            ; the sum
next:   mov a, 21h          ; read a number into c
        int 13h
        cmp c, 0FFFFh       ; end of input?
        jz done
        add b, c
        jmp next
done:   mov c, b
        mov a, 10h
        int 13h
        halt
