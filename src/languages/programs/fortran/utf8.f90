program utf8
  print '(a)', 'héllo wörld ✓ 日本語'
end program utf8
