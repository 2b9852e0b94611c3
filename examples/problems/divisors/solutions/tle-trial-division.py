# Tries every number up to n: far too slow for n near 10^12.
n = int(input())
out = [d for d in range(1, n + 1) if n % d == 0]
print(len(out))
print(*out)
