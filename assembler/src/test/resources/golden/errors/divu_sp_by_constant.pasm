divu sp, 3
