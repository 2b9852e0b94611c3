# Start sleeping threads until the process limit refuses one.
import os
import threading
import time

n = 0
try:
    while n < 100000:
        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
        n += 1
    print("ESCAPED: 100000 threads")
except RuntimeError as e:
    print(f"contained: threads stopped at {n}: {e}")
os._exit(0)
