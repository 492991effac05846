# a comment as MARS writes it
    halt
