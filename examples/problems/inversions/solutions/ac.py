# Fenwick tree over the ranks: O(n log n); Python gets 4 times the time limit (timeFactors).
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
a = list(map(int, data[1:1 + n]))
rank = {v: i + 1 for i, v in enumerate(sorted(set(a)))}
tree = [0] * (len(rank) + 1)
count = 0
for seen, v in enumerate(a):
    r = rank[v]
    i = r
    not_greater = 0
    while i > 0:
        not_greater += tree[i]
        i -= i & -i
    count += seen - not_greater
    i = r
    while i < len(tree):
        tree[i] += 1
        i += i & -i
print(count)
