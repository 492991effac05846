mov a, 'AB'
