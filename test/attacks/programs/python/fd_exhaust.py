# Open descriptors until the limit: EMFILE at RLIMIT_NOFILE, not the host's file table.
import os

fds = []
try:
    while len(fds) < 1_000_000:
        fds.append(os.open("/dev/null", os.O_RDONLY))
    print("ESCAPED: a million descriptors")
except OSError as e:
    print(f"contained: stopped at {len(fds)} descriptors: {e.strerror}")
