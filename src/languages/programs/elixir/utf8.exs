IO.puts("héllo wörld ✓ 日本語")
