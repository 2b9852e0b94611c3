# Grow a list of touched blocks until memory runs out: MLE from the cgroup (or MemoryError, RE).
blocks = []
while True:
    blocks.append(bytearray(1 << 20))
