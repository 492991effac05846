.macro mov x
.endm
