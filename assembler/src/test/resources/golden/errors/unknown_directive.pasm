.bytes 1
