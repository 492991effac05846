mov a, foo(1)
