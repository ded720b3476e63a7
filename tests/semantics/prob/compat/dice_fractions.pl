% Two fair dice, each face 1/6 (a weight written as a fraction), and a
% biased coin whose weight is a product. Which sums are likely, and does
% the player win (a double, or a high sum when the coin shows heads)?
1/6::die(A, 1); 1/6::die(A, 2); 1/6::die(A, 3); 1/6::die(A, 4); 1/6::die(A, 5); 1/6::die(A, 6) :- throw(A).
throw(first).
throw(second).
0.5*0.9::heads.
sum(S) :- die(first, A), die(second, B), S is A + B.
double :- die(first, X), die(second, X).
win :- double.
win :- heads, sum(S), S >= 10.
face(N) :- between(1, 6, N).
odd_first :- face(N), N mod 2 =:= 1, die(first, N).
query(sum(7)).
query(sum(12)).
query(double).
query(win).
query(odd_first).

% Expected outcome (prob):
% sum(7)     0.16666666666666669
% sum(12)    0.02777777777777777
% double     0.1666666666666666
% win        0.21666666666666673
% odd_first  0.49999999999999994
