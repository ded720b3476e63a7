% ProbLog's papers write the neck `<-`; it is `:-`. Smokers, with stress and
% influence, and asthma caused by smoking.
person(1).
person(2).
person(3).
friend(1, 2).
friend(2, 1).
friend(3, 2).
0.3::stress(X) <- person(X).
0.2::influences(X, Y) <- person(X), person(Y).
smokes(X) <- stress(X).
smokes(X) <- friend(X, Y), influences(Y, X), smokes(Y).
0.4::asthma(X) <- smokes(X).
query(smokes(1)).
query(smokes(3)).
query(asthma(2)).

% Expected outcome (prob):
% smokes(1)  0.34199999999999997
% smokes(3)  0.34787999999999997
% asthma(2)  0.1368
