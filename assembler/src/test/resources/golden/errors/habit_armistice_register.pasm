; Armistice-only registers are not portable
    mov r7, 1
    halt
