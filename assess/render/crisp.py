"""Crisp answers as text; the JSON is the result's ``to_json()``.

Text: one line per answer, ``atom  true|false``, atoms padded to one column;
then, for each listed predicate, its facts one per line after a header.
JSON (``to_json()``, the documented contract)::

    {"semantics": "crisp",
     "queries": [{"atom": "path(a,d)", "holds": true}, …],
     "facts": {"path/2": ["path(a,b)", …]}}      # only with --all

Example::

    >>> from assess.semantics.crisp import Answer, CrispResult
    >>> from assess.engine.ir import Pred
    >>> print(crisp_text(CrispResult((Answer(Pred("p", 0), (), True, "p"),), {})))
    p  true
"""

from __future__ import annotations

from assess.semantics.crisp import CrispResult


def crisp_text(result: CrispResult) -> str:
    width = max((len(a.text) for a in result.answers), default=0)
    lines = [f"{a.text.ljust(width)}  {'true' if a.holds else 'false'}" for a in result.answers]
    for pred, facts in result.listed.items():
        if lines:
            lines.append("")
        lines.append(f"% {pred}: {len(facts)} fact{'' if len(facts) == 1 else 's'}")
        lines.extend(f"{fact.text}." for fact in facts)
    return "\n".join(lines)
