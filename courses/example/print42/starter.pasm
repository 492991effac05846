; Prints 42 on Armistice only: Intellio has no ports.
out 1234h, 42
halt
