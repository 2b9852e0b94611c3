-module(echo).
-export([main/1]).
main(_) ->
    copy().

copy() ->
    case io:get_chars(standard_io, "", 4096) of
        eof -> ok;
        Data -> io:put_chars(Data), copy()
    end.
