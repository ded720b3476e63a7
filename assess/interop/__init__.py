"""Adapters for the external ``datalog-conformance`` test suites.

The package (a test dependency) runs YAML cases against an *evaluator*
object that it imports by name; these modules give it one over the
project's engine and semantics, and translate both ways:

* ``datalog``: ``DatalogEvaluator``, the core suites (plain Datalog with
  negation, arithmetic and the corpus's error codes);
* ``rules``: the corpus's rule strings (several dialects) read into IR rules;
* ``defeasible``: ``DefeasibleEvaluator``, the defeasible suites (the proof
  theory's sections under each ambiguity policy, and the two closures).

They sit beside the pipeline rather than in it: nothing in ``assess``
imports them except ``assess.conformance``, the name the suites are given.

Example::

    >>> from types import SimpleNamespace
    >>> from assess.interop.datalog import DatalogEvaluator
    >>> program = SimpleNamespace(facts={"E": [("a", "b")]}, rules=["T(x, y) :- E(x, y)."])
    >>> DatalogEvaluator().evaluate(program).facts["T"]
    {('a', 'b')}
"""
