; The subroutine pushes b and never pops it: its ret returns to the value of b, 0000h.
        call work
        halt
work:   push b
        mov b, 1
        ret
