a, b = map(int, input().split())
raise SystemExit(f"refusing to add {a} and {b}")
