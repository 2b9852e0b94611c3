#!/usr/bin/env python3
"""tracesum.py TRACE BOXES: `perf trace -s` output of a launcher daemon, summed by role and divided per box.

Roles, by what each process does: the daemon (accept4), a box's launcher (poll: it supervises), a box's init
(clone of the program, then wait4), the program (whatever it was exec'd as). Prints calls and milliseconds per
box for each syscall of each role, biggest first. perf trace adds its own cost to every call (about 13 us here),
so counts are exact and times are upper bounds.
"""
import re
import sys
from collections import defaultdict

text = open(sys.argv[1]).read()
boxes = int(sys.argv[2])
blocks = re.split(r'\n (?=\S.* \(\d+\), \d+ events)', text)
sums = defaultdict(lambda: defaultdict(lambda: [0, 0.0]))
for block in blocks:
    head = re.match(r'\s*(\S.*?) \((\d+)\), \d+ events', block)
    if not head:
        continue
    rows = {m[0]: (int(m[1]), float(m[3])) for m in re.findall(r'^\s+(\w+)\s+(\d+)\s+(\d+)\s+([\d.]+)', block, re.M)}
    comm = head.group(1)
    if 'accept4' in rows:
        role = 'daemon'
    elif comm == 'airlock-sandbox' and 'poll' in rows:
        role = 'launcher (per box)'
    elif comm == 'airlock-sandbox' and 'wait4' in rows:
        role = 'init'
    elif comm == 'airlock-sandbox':
        role = 'other airlock-sandbox'
    else:
        role = f'program ({comm})'
    for name, (calls, ms) in rows.items():
        sums[role][name][0] += calls
        sums[role][name][1] += ms
for role, rows in sums.items():
    total_calls = sum(c for c, _ in rows.values())
    print(f'\n{role}: {total_calls / boxes:.0f} syscalls per box')
    for name, (calls, ms) in sorted(rows.items(), key=lambda kv: -kv[1][1])[:12]:
        print(f'  {name:<18} {calls / boxes:6.1f} calls  {ms / boxes:7.3f} ms')
