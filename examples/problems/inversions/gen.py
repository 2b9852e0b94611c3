# Test generator: gen.py N SEED KIND prints one input (N numbers) on stdout.
import random
import sys

n, seed, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
if kind == 'descending':
    a = list(range(n, 0, -1))
elif kind == 'few-values':
    a = [rng.randint(0, 3) for _ in range(n)]
else:
    a = [rng.randint(0, 10**9) for _ in range(n)]
print(n)
print(*a)
