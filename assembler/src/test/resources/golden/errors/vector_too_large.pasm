int 300
