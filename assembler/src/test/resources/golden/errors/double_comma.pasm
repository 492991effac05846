mov a,, 1
