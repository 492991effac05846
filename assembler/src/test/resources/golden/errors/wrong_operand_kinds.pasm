load a, b
