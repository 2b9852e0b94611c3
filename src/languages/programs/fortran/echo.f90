program echo
  implicit none
  character(len=4096) :: line
  integer :: ios, n
  do
    read (*, '(a)', iostat=ios, size=n, advance='no') line
    if (is_iostat_end(ios)) exit
    write (*, '(a)') line(1:n)
  end do
end program echo
