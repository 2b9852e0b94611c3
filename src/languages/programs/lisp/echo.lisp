(loop for line = (read-line *standard-input* nil nil)
      while line
      do (write-line line))
