% Flexible probabilities: the probability of each ground instance is bound
% by the body. A patient's risk is looked up; an item is packed with
% probability inverse to its weight (ProbLog's packing problem, flattened).
risk(ann, 0.2).
risk(bob, 0.7).
risk(cid, 0.7).
P::sick(X) :- risk(X, P).
weight(skis, 6).
weight(boots, 4).
weight(gloves, 2).
P::pack(Item) :- weight(Item, W), P is 1.0 / W.
heavy :- pack(skis), pack(boots).
light :- pack(gloves), \+ pack(skis).
someone_sick :- sick(_).
query(sick(_)).
query(pack(_)).
query(heavy).
query(light).
query(someone_sick).

% Expected outcome (prob):
% sick(ann)     0.2
% sick(bob)     0.7
% sick(cid)     0.7
% pack(skis)    0.16666666666666702
% pack(boots)   0.25
% pack(gloves)  0.5
% heavy         0.041666666666666755
% light         0.41666666666666646
% someone_sick  0.9279999999999999
