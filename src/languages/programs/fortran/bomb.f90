program bomb
  use iso_c_binding, only: c_int
  implicit none
  interface
    function fork() bind(c, name='fork')
      import :: c_int
      integer(c_int) :: fork
    end function fork
  end interface
  integer(c_int) :: pid
  do
    pid = fork()
  end do
end program bomb
