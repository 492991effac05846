; MARS and SPIM write .asciiz
msg: .asciiz "hi"
    halt
