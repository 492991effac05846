; Reads one number and prints it. Make it add them all up.
        mov a, 21h
        int 13h
        mov a, 10h
        int 13h
        halt
