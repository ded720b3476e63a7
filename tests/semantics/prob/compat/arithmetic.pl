% ProbLog's arithmetic, with its result types: / divides as floats, ** and
% ^ keep integers, // floors, round rounds half to even, min and max keep
% the first of equals; pi and e; 0x10 is 16.
0.5::go.
r(div, X) :- go, X is 7 / 2.
r(div_even, X) :- go, X is 4 / 2.
r(pow, X) :- go, X is 2 ** 3.
r(caret, X) :- go, X is 2 ^ 3.
r(neg_pow, X) :- go, X is 2 ** (-1).
r(floor_div, X) :- go, X is -7 // 2.
r(mod, X) :- go, X is -7 mod 2.
r(rem, X) :- go, X is -7 rem 2.
r(round, X) :- go, X is round(2.5).
r(trunc, X) :- go, X is truncate(-2.5).
r(integer, X) :- go, X is integer(2.5).
r(min, X) :- go, X is min(1, 1.0).
r(max, X) :- go, X is max(2, 3.5).
r(abs, X) :- go, X is abs(-3).
r(sign, X) :- go, X is sign(-2.0).
r(sqrt, X) :- go, X is sqrt(16).
r(bits, X) :- go, X is (5 /\ 3) \/ (1 << 3) xor (16 >> 2).
r(complement, X) :- go, X is \ 5.
r(trig, X) :- go, X is atan2(1, 1) + cos(0) + exp(0) + log(e).
r(pi, X) :- go, X is pi.
r(hex, X) :- go, X is 0x10 + 1.0e1.
r(ceiling, X) :- go, X is ceiling(2.1) + floor(-2.1).
big :- go, 2 ** 10 > 1000, abs(-5) =:= 5.0.
query(r(_, _)).
query(big).

% Expected outcome (prob):
% r(div,3.5)                 0.5
% r(div_even,2.0)            0.5
% r(pow,8)                   0.5
% r(caret,8)                 0.5
% r(neg_pow,0.5)             0.5
% r(floor_div,-4)            0.5
% r(mod,1)                   0.5
% r(rem,1)                   0.5
% r(round,2)                 0.5
% r(trunc,-2)                0.5
% r(integer,2)               0.5
% r(min,1)                   0.5
% r(max,3.5)                 0.5
% r(abs,3)                   0.5
% r(sign,-1)                 0.5
% r(sqrt,4.0)                0.5
% r(bits,13)                 0.5
% r(complement,-6)           0.5
% r(trig,3.785398163397448)  0.5
% r(pi,3.141592653589793)    0.5
% r(hex,26.0)                0.5
% r(ceiling,0)               0.5
% big                        0.5
