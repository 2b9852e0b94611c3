printf("héllo wörld ✓ 日本語\n");
