.equ P, Q + 1
.equ Q, P + 1
mov a, P
