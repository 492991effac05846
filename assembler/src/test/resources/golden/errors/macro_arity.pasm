.macro m x
  mov a, x
.endm
  m 1, 2
