.align 3
