# Uses no CPU at all: only the wall-clock limit stops it.
import time
time.sleep(60)
