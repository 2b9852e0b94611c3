# Raw syscalls from Python through ctypes: unshare(CLONE_NEWUSER) is hostile. SV.
import ctypes

libc = ctypes.CDLL(None, use_errno=True)
rc = libc.syscall(272, 0x10000000)  # SYS_unshare, CLONE_NEWUSER
print(f"ESCAPED: unshare returned {rc}")
