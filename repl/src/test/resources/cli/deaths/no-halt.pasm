; Prints 42, then runs on into the zero-filled memory after the program: the halt is missing.
    mov a, 10h
    mov c, 42
    int 13h
