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

from collections.abc import Iterator

from assess.semantics.crisp import CrispResult


def crisp_lines(result: CrispResult) -> Iterator[str]:
    """The lines of ``crisp_text``, made as they are asked for, so that a
    listing of every fact (``--all``) is printed while it is written."""
    width = max((len(a.text) for a in result.answers), default=0)
    for a in result.answers:
        yield f"{a.text.ljust(width)}  {'true' if a.holds else 'false'}"
    for number, (pred, facts) in enumerate(result.listed.items()):
        if number or result.answers:
            yield ""
        yield f"% {pred}: {len(facts)} fact{'' if len(facts) == 1 else 's'}"
        for text in facts.texts():
            yield text + "."


def crisp_text(result: CrispResult) -> str:
    return "\n".join(crisp_lines(result))

