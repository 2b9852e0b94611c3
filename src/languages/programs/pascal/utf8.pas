program Utf8;
begin
  writeln('héllo wörld ✓ 日本語');
end.
