program hog
  implicit none
  integer, pointer :: p(:)
  do
    allocate (p(262144))
    p = 1
  end do
end program hog
