mov a, @1
