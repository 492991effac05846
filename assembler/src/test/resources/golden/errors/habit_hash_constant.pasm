; ARM writes constants with #
    mov a, #1
    halt
