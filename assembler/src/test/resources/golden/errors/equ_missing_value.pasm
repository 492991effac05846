.equ X
