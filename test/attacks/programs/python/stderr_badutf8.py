# Flood stderr with invalid UTF-8 and NUL bytes: OLE at the cap; the service must not choke on decoding.
import sys

chunk = b"\xff\xfe\x00\xc3\x28\xa0\xa1\xe2\x28\xa1" * 6554
while True:
    sys.stderr.buffer.write(chunk)
