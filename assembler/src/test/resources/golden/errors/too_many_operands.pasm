halt 1
