program Ce;
begin
  writeln(undeclared_name);
end.
