#!/usr/bin/env escript
main(_) ->
    halt(3).
