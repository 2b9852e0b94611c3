# Look at other processes through /proc: the box's /proc lists only its own (hidepid=2, own pid namespace).
import os

pids = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
others = [p for p in pids if p != os.getpid()]
for p in others:
    print(f"ESCAPED: /proc/{p} is visible")
for path in ("/proc/1/environ", "/proc/1/cmdline", "/proc/1/root", "/proc/self/../1/status"):
    try:
        with open(path, "rb") as f:
            f.read(64)
        print(f"ESCAPED: {path} is readable")
    except OSError as e:
        print(f"refused {path}: {e.strerror}")
if not others:
    print("contained: /proc shows only this process")
