; The seed's Print(42): one guest block, no flags, the HAL call passed through as a host int 13h.
        mov a, 10h
        mov c, 42
        int 13h
        halt
