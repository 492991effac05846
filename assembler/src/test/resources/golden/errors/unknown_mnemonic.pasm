mvo a, 1
