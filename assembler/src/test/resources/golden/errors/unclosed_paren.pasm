mov a, (1 + 2
