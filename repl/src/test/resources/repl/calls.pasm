; A call, a store and a HAL print: everything 'back' has to undo.
start:
    mov c, 7
    call double         ; c = 2 * c, and remember it in 'result'
    mov a, 10h
    int 13h             ; prints 14
    load b, [result]
    halt

double:
    add c, c
    store [result], c
    ret

result:
    .word 0
