# Looks the answer up in a table of smallest factors up to 10^6: an IndexError beyond it.
import sys

LIMIT = 10**6
smallest = list(range(LIMIT + 1))
for d in range(2, 1001):
    if smallest[d] == d:
        for m in range(d * d, LIMIT + 1, d):
            if smallest[m] == m:
                smallest[m] = d
n = int(sys.stdin.readline())
d = smallest[n]
print("prime" if d == n else d)
