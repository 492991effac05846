mov a, 1 << 70
