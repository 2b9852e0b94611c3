# Prints far more than the 1 MiB output limit.
import sys
line = "3" * 1000 + "\n"
while True:
    sys.stdout.write(line)
