loop: nop
jmp lopo
