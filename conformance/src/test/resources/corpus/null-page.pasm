; Reading the null page (0000h-00FFh) is a segmentation fault (139), like dereferencing NULL.
        mov a, 10h
        mov c, 1
        int 13h
        load c, [0010h]
        int 13h
        halt
