# Leave shared memory, an abstract socket and a lock file for the next run (programs/c/nextrun.c looks).
import fcntl
import os
import socket
from multiprocessing import shared_memory

shm = shared_memory.SharedMemory(name="airlock-leak-py", create=True, size=4096)
print("planted /dev/shm/airlock-leak-py")
lock = open("/tmp/airlock-leak.lock", "w")
fcntl.flock(lock, fcntl.LOCK_EX)
print("planted a lock")
if os.fork() == 0:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind("\0airlock-leak")
    s.listen(1)
    os.setsid()
    while True:
        s.accept()
print("planted an abstract socket held by a daemon")
