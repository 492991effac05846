.macro m x
  mov a, x
