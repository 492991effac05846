; A routine that pushes without popping: its ret takes the pushed value for the return address and
; jumps into zero-filled memory. There the CPUs part: zero bytes are illegal on Armistice (132),
; while Intellio reads them as mov a, a and slides on, through the stack's own words, until it
; fetches from the null page (139). Each report tells how the program got there.
        call greet
        halt
greet:  mov a, 10h
        mov c, 7
        int 13h
        mov b, 3000h
        push b
        ret
