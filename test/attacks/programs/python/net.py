# The network from Python: TCP and UDP to host services, DNS, the metadata address (UDP connect, no packet).
import socket
import sys

tcp, udp = int(sys.argv[1]), int(sys.argv[2])
escaped = 0

def attempt(what, fn):
    global escaped
    try:
        fn()
        print(f"ESCAPED: {what}")
        escaped += 1
    except OSError as e:
        print(f"contained: {what}: {e.strerror or e}")

attempt("TCP to the host's loopback", lambda: socket.create_connection(("127.0.0.1", tcp), timeout=2))
attempt("UDP to the host's loopback", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", udp)))
attempt("route to 169.254.169.254", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).connect(("169.254.169.254", 80)))
attempt("DNS", lambda: socket.getaddrinfo("deb.debian.org", 80))
attempt("IPv6 TCP to ::1", lambda: socket.create_connection(("::1", tcp), timeout=2))
