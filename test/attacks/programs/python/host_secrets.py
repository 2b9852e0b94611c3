# Hunt for the host's secrets from Python: well-known paths, globbing, and the environment.
import glob
import os
import sys

secret = sys.argv[1] if len(sys.argv) > 1 else "/nonexistent"
escaped = 0
candidates = ["/etc/shadow", "/root", "/home", "/var/lib/airlock", "/run/airlock", "/proc/1/environ", secret]
candidates += glob.glob("/etc/ssh/*key*") + glob.glob("/home/*/.ssh/*") + glob.glob("/var/lib/*")
for path in candidates:
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            open(path, "rb").read(16)
        print(f"ESCAPED: {path} is readable")
        escaped += 1
    except OSError:
        pass
# What the launcher and the python3 language definition set; anything else came from the host.
allowed = {"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONIOENCODING",
           "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"}
for name in os.environ:
    if name not in allowed:
        print(f"ESCAPED: environment variable {name}")
        escaped += 1
if not escaped:
    print("contained: no host secret, no foreign environment")
