.equ c, 1
