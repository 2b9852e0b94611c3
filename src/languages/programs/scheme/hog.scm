(let loop ((keep '()))
  (loop (cons (make-bytevector 1048576 1) keep)))
