.macro m x
  mov a, x
.endm
  m 70000
