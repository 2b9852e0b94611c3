BEGIN { print "héllo wörld ✓ 日本語" }
