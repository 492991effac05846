.org 10h
