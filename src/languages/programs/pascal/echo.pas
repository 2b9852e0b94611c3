program Echo;
var
  s: ansistring;
begin
  while not eof do
  begin
    readln(s);
    writeln(s);
  end;
end.
