# Interactor for "Guess the number", following testlib's conventions:
#   interactor.py INPUT OUTPUT [ANSWER]; stdin is the solution's output, stdout goes to its input;
#   exit 0 accepted, 1 wrong answer, 2 presentation error (as testlib reports an unexpected end of
#   the solution's output), 3 interactor failure; message on stderr.
import sys

LIMIT = 30


def verdict(code, message):
    print(message, file=sys.stderr)
    sys.exit(code)


def main():
    n, x = map(int, open(sys.argv[1]).read().split())
    if not 1 <= x <= n:
        verdict(3, f'bad test: x={x} is outside 1..{n}')
    print(n, flush=True)
    for asked in range(LIMIT + 1):
        line = sys.stdin.readline()
        if not line:
            verdict(2, f'unexpected end of the solution\'s output after {asked} questions')
        parts = line.split()
        if len(parts) != 2 or parts[0] not in ('?', '!') or not parts[1].lstrip('-').isdigit():
            verdict(2, f'malformed line {line.strip()[:40]!r}')
        y = int(parts[1])
        if parts[0] == '!':
            if y != x:
                verdict(1, f'answered {y}, the number was {x}')
            verdict(0, f'found {x} with {asked} questions')
        if asked == LIMIT:
            verdict(1, f'more than {LIMIT} questions')
        print('<' if x < y else '>' if x > y else '=', flush=True)


try:
    main()
except BrokenPipeError:
    verdict(2, 'the solution stopped reading')
