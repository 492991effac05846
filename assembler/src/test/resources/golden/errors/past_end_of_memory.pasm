.org 0FFFEh
.word 1, 2
