; Counts c down from 3, printing each value.
    mov c, 3
loop:
    mov a, 10h
    int 13h
    sub c, 1
    cmp c, 0
    jnz loop
    halt
