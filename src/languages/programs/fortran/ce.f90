program ce
  implicit none
  print *, undeclared_name
end program ce
