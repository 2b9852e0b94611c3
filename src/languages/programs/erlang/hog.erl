#!/usr/bin/env escript
main(_) ->
    L = lists:seq(1, 1000000000),
    io:format("~p~n", [length(L)]).
