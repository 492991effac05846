out 1234h, 42
