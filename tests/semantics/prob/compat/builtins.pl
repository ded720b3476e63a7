% Counting with between/3, succ/2 and plus/3; a coin tossed at each step;
% true, fail and false; call/N on a known predicate.
0.6::heads(T) :- between(1, 4, T).
next(T, U) :- between(1, 3, T), succ(T, U).
run(U) :- heads(1), U = 1.
run(U) :- next(T, U), run(T), heads(U).
total(Z) :- between(1, 2, X), between(1, 2, Y), plus(X, Y, Z).
always :- true.
never :- fail.
never :- false.
called(T) :- call(heads, T).
called_too(U) :- call(next(2), U), heads(U).
query(run(_)).
query(total(_)).
query(always).
query(never).
query(called(2)).
query(called_too(_)).

% Expected outcome (prob):
% run(1)         0.6
% run(2)         0.36
% run(3)         0.21599999999999997
% run(4)         0.1296
% total(2)       1.0
% total(3)       1.0
% total(4)       1.0
% always         1.0
% never          0.0
% called(2)      0.6
% called_too(3)  0.6
