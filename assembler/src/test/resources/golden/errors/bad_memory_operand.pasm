load a, [b * 2]
