(use-modules (rnrs bytevectors))
(let loop ((keep '()))
  (loop (cons (make-bytevector 4194304 1) keep)))
