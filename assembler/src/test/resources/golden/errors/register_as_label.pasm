sp: nop
