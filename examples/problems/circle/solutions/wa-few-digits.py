# Three decimals lose the small areas' precision.
import math
r = float(input())
print(f"{math.pi * r * r:.3f}")
