; One debugging session for the REPL and the page: input, a loop, a call, the stack, a store, output.
start:
    mov a, 21h
    int 13h             ; c = a number from the input
    mov b, c
    mov d, 0
again:
    call addup          ; d = d + b
    sub b, 1
    cmp b, 0
    jnz again
    store [total], d
    mov c, d
    mov a, 10h
    int 13h             ; prints the sum
    halt

addup:
    push b
    add d, b
    pop b
    ret

total:
    .word 0
