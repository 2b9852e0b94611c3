let () = print_endline "héllo wörld ✓ 日本語"
