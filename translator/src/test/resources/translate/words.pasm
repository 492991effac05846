; Little-endian words at odd addresses on a big-endian, aligned host: byte accesses and a shift.
        mov b, 3001h
        mov a, 1234h
        store [b + 0], a
        load c, [b + 0]
        loadb d, [b + 0]
        mov a, 10h
        int 13h
        mov c, d
        int 13h
        halt
