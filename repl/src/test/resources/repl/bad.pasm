; An assembly error: the REPL shows the diagnostic and keeps the program it had.
    mov a, 10h
    frob c
