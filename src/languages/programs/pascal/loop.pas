program Loop;
var
  x: longint;
begin
  x := 0;
  while true do
    x := (x + 1) mod 1000;
end.
