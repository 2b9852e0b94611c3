#!/usr/bin/env escript
main(_) ->
    loop(0).

loop(N) ->
    loop((N + 1) rem 1000).
