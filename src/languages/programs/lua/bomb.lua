while true do
  io.popen("lua5.4 main.lua")
end
