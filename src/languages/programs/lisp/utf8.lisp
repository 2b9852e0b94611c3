(format t "héllo wörld ✓ 日本語~%")
