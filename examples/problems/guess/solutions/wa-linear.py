# Asks 1, 2, 3, ...: far more than 30 questions when x is large.
n = int(input())
for y in range(1, n + 1):
    print('?', y, flush=True)
    if input().strip() == '=':
        print('!', y, flush=True)
        break
