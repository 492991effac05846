; sum.pasm: input. Reads numbers, one per line, until the end of the input,
; and prints their sum.
;
;   printf '3\n4\n5\n' | toyisa run --cpu intellio sum.bin       (prints 12)
;   toyisa repl sum.pasm       without --input, the REPL asks for each line at an input> prompt

start:
        mov b, 0            ; the sum
next:   mov a, 21h          ; HAL 21h: read a line as a number into c (0FFFFh at the end)
        int 13h
        cmp c, 0FFFFh
        jz done
        add b, c
        jmp next
done:   mov a, 10h          ; HAL 10h: print c as a number
        mov c, b
        int 13h
        halt
