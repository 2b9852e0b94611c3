program exit3
  call exit(3)
end program exit3
