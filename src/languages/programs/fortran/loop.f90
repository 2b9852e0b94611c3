program loop
  implicit none
  integer, volatile :: x
  x = 0
  do
    x = mod(x + 1, 1000)
  end do
end program loop
