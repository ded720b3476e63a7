% pi, e, inf and nan as ProbLog reads them in arithmetic, and as terms.
0.5::go.
v(pi, X) :- go, X is pi.
v(e, X) :- go, X is e.
v(inf, X) :- go, X is inf.
v(minus_inf, X) :- go, X is -inf.
v(nan, X) :- go, X is nan.
huge :- go, inf > 10 ** 300.
atom_pi :- pi = pi, pi \== 3.141592653589793.
query(v(_, _)).
query(huge).
query(atom_pi).

% Expected outcome (prob):
% v(pi,3.141592653589793)  0.5
% v(e,2.718281828459045)   0.5
% v(inf,inf)               0.5
% v(minus_inf,-inf)        0.5
% v(nan,nan)               0.5
% huge                     0.5
% atom_pi                  1.0
