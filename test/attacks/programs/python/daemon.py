# A Python daemon: fork, setsid, fork again, ignore signals, sleep forever.
import os
import signal
import sys

if os.fork() == 0:
    os.setsid()
    for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(s, signal.SIG_IGN)
    if os.fork() == 0:
        while True:
            signal.pause()
    os._exit(0)
os.wait()
print("daemonized; the host check must find nothing left")
sys.stdout.flush()
