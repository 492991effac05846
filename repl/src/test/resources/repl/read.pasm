; Reads numbers until the end of input, printing each one doubled.
next_number:
    mov a, 21h
    int 13h             ; c = the next number, 0FFFFh at the end
    cmp c, 0FFFFh
    jz done
    add c, c
    mov a, 10h
    int 13h
    jmp next_number
done:
    halt
