% `;` and parentheses in rule bodies: one choice per ground instance of a
% probabilistic rule, whatever alternative proves it.
0.3::a.
0.4::b.
0.5::c.
0.2::p(1).
0.6::p(2).
either :- a ; b.
0.5::chosen :- a ; b.
both_ways :- (a, b) ; (b, c).
nested :- a, (b ; \+ c).
0.7::tagged(X) :- p(X), (X > 1 ; a).
not_both :- \+ (a, b).
query(either).
query(chosen).
query(both_ways).
query(nested).
query(tagged(_)).
query(not_both).

% Expected outcome (prob):
% either     0.58
% chosen     0.29000000000000004
% both_ways  0.26
% nested     0.21
% tagged(1)  0.041999999999999996
% tagged(2)  0.41999999999999993
% not_both   0.88
