.data
msg: .asciz "hi"
.text
    halt
