# validator input answer feedback_dir [points P] < team_output: P for an exact sum, P/2 within 1e-9.
import sys
from decimal import Decimal, InvalidOperation

answer, feedback = sys.argv[2], sys.argv[3]
flags = sys.argv[4:]
points = Decimal(flags[flags.index("points") + 1]) if "points" in flags else Decimal(1)


def finish(code, message, score=None):
    with open(feedback + "judgemessage.txt", "w") as f:
        f.write(message + "\n")
    if score is not None:
        with open(feedback + "score.txt", "w") as f:
            f.write(f"{score}\n")
    sys.exit(code)


expected = int(open(answer).read())
words = sys.stdin.read().split()
if len(words) != 1:
    finish(43, f"expected one number, got {len(words)} words")
try:
    got = Decimal(words[0])
except InvalidOperation:
    finish(43, f"{words[0][:20]!r} is not a number")
if got == expected:
    finish(42, "exact", points)
if abs(got - expected) <= Decimal("1e-9") * max(1, expected):
    finish(42, "close: half the points", points / 2)
finish(43, f"off by {got - expected}")
