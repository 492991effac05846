; Reads N and prints it: make fact compute N! by calling itself.
        mov a, 21h
        int 13h             ; c = N
        call fact
        mov a, 10h
        int 13h
        halt
fact:   ret                 ; c = c! (not yet)
