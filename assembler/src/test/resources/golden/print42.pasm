; The seed's Print(42): one source, two CPUs (isa.md section 4).
mov a, 10h      ; HAL service 10h: print a number
mov c, 42
int 13h         ; call the HAL
halt
