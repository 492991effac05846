mov a, b + 1
