load a, [b + 70000]
