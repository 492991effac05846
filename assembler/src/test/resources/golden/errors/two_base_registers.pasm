load a, [b + c]
