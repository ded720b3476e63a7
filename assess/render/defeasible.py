"""Defeasible answers as text; the JSON is the result's ``to_json()``.

Text: one line per answer, ``atom  status``, atoms padded to one column, the
status in words (definitely provable, defeasibly provable, contested, not
provable), after a header naming the ambiguity policy. JSON (``to_json()``, the
documented contract)::

    {"semantics": "defeasible",
     "queries": [{"atom": "fly(tweety)", "definitely": false, "defeasibly": true}, …]}

Example::

    >>> from assess.engine.ir import Pred
    >>> from assess.semantics.defeasible.answers import DefeasibleAnswer
    >>> answer = DefeasibleAnswer(Pred("p", 0), (), "p", True, True, "definitely provable")
    >>> answer_lines([answer])
    ['p  definitely provable']
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.semantics.defeasible.answers import DefeasibleAnswer, DefeasibleResult


def answer_lines(answers: Sequence[DefeasibleAnswer]) -> list[str]:
    width = max((len(a.text) for a in answers), default=0)
    return [f"{a.text.ljust(width)}  {a.status}" for a in answers]


def defeasible_text(result: DefeasibleResult) -> str:
    if not result.answers:
        return ""
    return "\n".join([f"% ambiguity {result.ambiguity}", *answer_lines(result.answers)])
