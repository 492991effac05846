load a, [2 - b]
