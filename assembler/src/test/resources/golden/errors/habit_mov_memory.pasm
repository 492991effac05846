; mov to memory, as on x86
    mov [b], c
    mov c, [b]
    halt
