# Checker for "Divisors in any order", following testlib's conventions:
#   checker.py INPUT OUTPUT ANSWER; exit 0 accepted, 1 wrong answer, 3 checker failure; message on stderr.
# The answer file holds the jury's divisors; the contestant may list them in any order.
import sys


def verdict(code, message):
    print(message, file=sys.stderr)
    sys.exit(code)


def main():
    input_path, output_path, answer_path = sys.argv[1:4]
    n = int(open(input_path).read().split()[0])
    jury = open(answer_path).read().split()
    expected = sorted(int(x) for x in jury[1:])
    if int(jury[0]) != len(expected) or any(n % d for d in expected):
        verdict(3, "the jury's answer is inconsistent")
    try:
        tokens = open(output_path, 'rb').read().decode('ascii').split()
        got = [int(t) for t in tokens]
    except (UnicodeDecodeError, ValueError):
        verdict(1, 'the output is not a list of integers')
    if not got:
        verdict(1, 'empty output')
    k, divisors = got[0], got[1:]
    if k != len(divisors):
        verdict(1, f'the count says {k} but {len(divisors)} numbers follow')
    if len(set(divisors)) != len(divisors):
        verdict(1, 'a divisor is listed twice')
    wrong = [d for d in divisors if d <= 0 or n % d]
    if wrong:
        verdict(1, f'{wrong[0]} does not divide {n}')
    if len(divisors) != len(expected):
        verdict(1, f'{len(divisors)} divisors listed, {n} has {len(expected)}')
    verdict(0, f'{len(divisors)} divisors')


main()
