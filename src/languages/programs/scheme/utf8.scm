(display "héllo wörld ✓ 日本語")
(newline)
