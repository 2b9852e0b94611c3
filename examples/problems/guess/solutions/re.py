# Gives up at once with an error: the interactor sees the end of its output, the solution's crash decides.
n = int(input())
raise RuntimeError(f'no idea how to search 1..{n}')
