; Print(42) through the HAL: the same source for both CPUs.
mov a, 10h
mov c, 42
int 13h
halt
