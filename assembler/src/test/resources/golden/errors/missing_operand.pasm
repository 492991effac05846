mov a
