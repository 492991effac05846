.byte 256
