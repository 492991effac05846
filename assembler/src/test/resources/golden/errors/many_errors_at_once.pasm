mvo a, 1
mov b, 70000
jmp nowhere
halt
