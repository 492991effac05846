; Reads N and prints it: replace with the count of primes below N.
        mov a, 21h
        int 13h
        mov a, 10h
        int 13h
        halt
