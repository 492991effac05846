; Echoes the numbers in the order read: make it print them sorted.
next:   mov a, 21h
        int 13h
        cmp c, 0FFFFh
        jz done
        mov a, 10h
        int 13h
        jmp next
done:   halt
