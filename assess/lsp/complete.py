"""Completion: the declared names that may stand where the cursor is.

What may be typed is read off the line up to the cursor: a source after
``by``, ``cites``, ``derived_from`` (and each ``,`` of its list) and
``drop source``; a rule label after ``[``; anywhere else a predicate or a
keyword. The names offered are those of the file's group
(``Project.names``), each once.

Example::

    >>> sorted(wanted("report convoy by p"))
    ['source']
    >>> sorted(wanted("[a] > ["))
    ['label']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types

from assess.lsp.index import LABEL, PREDICATE, SOURCE, Occurrence

KEYWORDS = (
    "source", "indicator", "hypothesis", "competing", "conflict", "report", "load",
    "grade", "scenario", "query", "evidence", "expect", "drop", "reliability",
    "derived_from", "credibility", "current", "by", "on", "cites", "within", "not",
)
ITEM_KINDS = {
    PREDICATE: types.CompletionItemKind.Function,
    LABEL: types.CompletionItemKind.Reference,
    SOURCE: types.CompletionItemKind.Constant,
}
_SOURCE_BEFORE = re.compile(
    r"(?:\bby|\bcites|\bderived_from(?:\s+[a-z][A-Za-z0-9_]*\s*,)*|\bdrop\s+source)\s+"
    r"[a-z]?[A-Za-z0-9_]*$"
)
_LABEL_BEFORE = re.compile(r"\[\s*[a-z]?[A-Za-z0-9_]*$")


def wanted(before: str) -> set[str]:
    """The kinds of name that may be typed after ``before`` (the line up to the cursor)."""
    if _SOURCE_BEFORE.search(before):
        return {SOURCE}
    if _LABEL_BEFORE.search(before):
        return {LABEL}
    return {PREDICATE}


def completions(before: str, names: Iterable[Occurrence]) -> list[types.CompletionItem]:
    """The items offered after ``before``: the names of the kinds wanted,
    then, where a predicate may stand, the keywords."""
    kinds = wanted(before)
    items: dict[str, types.CompletionItem] = {}
    for o in names:
        if o.kind in kinds and o.name not in items:
            items[o.name] = types.CompletionItem(o.name, kind=ITEM_KINDS[o.kind], detail=o.kind)
    if PREDICATE in kinds:
        for word in KEYWORDS:
            items.setdefault(word, types.CompletionItem(
                word, kind=types.CompletionItemKind.Keyword))
    return list(items.values())
