; Division by zero faults (SIGFPE, 136) after the first line of output.
        mov a, 10h
        mov c, 100
        mov b, 7
        divu c, b
        int 13h                 ; 14
        mov b, 0
        divu c, b               ; dies here
        int 13h
        halt
