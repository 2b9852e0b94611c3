program Exit3;
begin
  halt(3);
end.
