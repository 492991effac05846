; Divides by zero: a fault, and what the REPL lets you do after it.
    mov b, 0
    mov c, 100
    divu c, b
    mov a, 10h
    int 13h
    halt
