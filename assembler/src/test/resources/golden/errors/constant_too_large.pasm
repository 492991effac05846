mov a, 70000
