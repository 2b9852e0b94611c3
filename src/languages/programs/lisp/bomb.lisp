(require :sb-posix)
(loop (sb-posix:fork))
