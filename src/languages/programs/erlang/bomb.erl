#!/usr/bin/env escript
main(_) ->
    open_port({spawn_executable, os:find_executable("escript")}, [{args, ["main.erl"]}]),
    main([]).
