while true
  system("octave-cli main.m", false, "async");
end
