% Numbers and strings as terms: 1 and 1.0 are different terms with the same
% value, the string "a" is not the atom a; the standard order of terms puts
% numbers before strings before atoms, and a float before an equal integer.
0.5::v(1).
0.5::v(1.0).
0.5::v("a").
0.5::v(a).
same_term(X, Y) :- v(X), v(Y), X == Y.
same_value(X, Y) :- num(X), num(Y), v(X), v(Y), X =:= Y.
num(1).
num(1.0).
unify_num :- 1 = 1.0.
differ_num :- 1 \== 1.0.
string_atom :- "a" = a.
before(X, Y) :- v(X), v(Y), X @< Y.
query(v(1)).
query(v(1.0)).
query(v("a")).
query(v(a)).
query(same_term(1, 1.0)).
query(same_value(1, 1.0)).
query(unify_num).
query(differ_num).
query(string_atom).
query(before(1.0, 1)).
query(before("a", a)).
query(before(1, "a")).

% Expected outcome (prob):
% v(1)               0.5
% v(1.0)             0.5
% v("a")             0.5
% v(a)               0.5
% same_term(1,1.0)   0.0
% same_value(1,1.0)  0.25
% unify_num          0.0
% differ_num         1.0
% string_atom        0.0
% before(1.0,1)      0.25
% before("a",a)      0.25
% before(1,"a")      0.25
