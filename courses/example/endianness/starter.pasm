; Prints the byte at 'data': 18 on Armistice, 52 on Intellio.
        loadb c, [data]
        mov a, 10h
        int 13h
        halt
data:   .word 1234h
