.asciz "bad \q"
