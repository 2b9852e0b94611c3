:- initialization(main, main).

main :- numlist(1, 1000000000, L), sum_list(L, S), writeln(S).
