# Adds in floating point: exact for small numbers, close (half the points) for large ones.
import sys

print(f"{sum(map(float, sys.stdin.read().split()[1:])):.0f}")
