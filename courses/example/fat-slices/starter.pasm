; Prints 1 on both CPUs: make the Intellio slice print 2.
        mov c, 1
        mov a, 10h
        int 13h
        halt
