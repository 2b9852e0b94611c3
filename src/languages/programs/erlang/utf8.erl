#!/usr/bin/env escript
main(_) ->
    io:setopts(standard_io, [{encoding, unicode}]),
    io:format("~ts~n", [<<"héllo wörld ✓ 日本語"/utf8>>]).
