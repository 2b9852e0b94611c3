# A busy loop in the interpreter: TLE on CPU time.
while True:
    pass
