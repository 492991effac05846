nop
.org 100h
nop
