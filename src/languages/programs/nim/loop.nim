var x {.volatile.}: int = 0
while true:
  x = x + 1
  if x > 1_000_000: x = 0
