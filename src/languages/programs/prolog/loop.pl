:- initialization(main, main).

loop(N) :- M is (N + 1) mod 1000, loop(M).
main :- loop(0).
