# Print each argument with its length: arguments must arrive verbatim, never through a shell.
import sys

for a in sys.argv[1:]:
    print(f"{len(a)}:{a}")
