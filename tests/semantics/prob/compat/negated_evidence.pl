% Negated evidence written both ways, and queries of negated atoms.
0.1::burglary.
0.2::earthquake.
0.9::alarm :- burglary.
0.8::alarm :- earthquake.
0.7::calls(mary) :- alarm.
0.6::calls(john) :- alarm.
evidence(\+ calls(mary)).
evidence(calls(john), true).
query(burglary).
query(earthquake).
query(\+ alarm).
query(\+ calls(mary)).

% Expected outcome (prob):
% burglary       0.3887945670628185
% earthquake     0.6943972835314093
% \+alarm        0.0
% \+calls(mary)  1.0
