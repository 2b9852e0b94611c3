:- initialization(main, main).
:- use_module(library(unix)).

main :- repeat, fork(_), fail.
