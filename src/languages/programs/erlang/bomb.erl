main(_) ->
    open_port({spawn_executable, os:find_executable("escript")}, [{args, ["main.erl"]}]),
    main([]).
