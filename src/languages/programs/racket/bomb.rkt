#lang racket/base
(define racket (find-executable-path "racket"))
(let loop ()
  (subprocess #f #f #f racket "main.rkt")
  (loop))
