; x86 register names
    mov eax, 1
    add b, ecx
    halt
