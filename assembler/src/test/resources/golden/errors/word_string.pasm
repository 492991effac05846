.word "ab"
