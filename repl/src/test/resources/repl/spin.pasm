; Never stops: what a traced continue must survive.
spin:   add b, 1
        jmp spin
