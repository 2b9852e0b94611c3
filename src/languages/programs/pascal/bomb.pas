program Bomb;
uses BaseUnix;
begin
  while true do
    fpFork;
end.
