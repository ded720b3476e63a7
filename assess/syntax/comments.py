"""Where each comment goes when a file is printed again.

A comment belongs to the node it sits among, by position alone:

* on the line where a node ends, after it: *trailing* (printed after the
  node on its last line);
* inside a node (after its start, before its end): *inner* (the printer puts
  it among the node's parts, or just before the node);
* otherwise before the next node: *leading* (printed on lines of its own);
* after the last node: *end* (printed after everything else).

Nodes are taken in source order; comments keep their source order within
each group, and the groups are printed leading, node, trailing, so no comment
ever moves across a node. Nodes without positions (built in code) have none
of these.

Example: in ``a. % one\\n% two\\nb.`` the comment ``% one`` trails ``a.``
and ``% two`` leads ``b.``::

    >>> from assess.syntax.parser import parse
    >>> program = parse("a. % one\\n% two\\nb.")
    >>> placed = place([s.span for s in program.statements], program.comments)
    >>> [[c.text for c in group] for group in placed.trailing]
    [['% one'], []]
    >>> [[c.text for c in group] for group in placed.leading]
    [[], ['% two']]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from assess.syntax.ast import Comment, Span

Position = tuple[int, int]


def start(span: Span) -> Position:
    return (span.line, span.column)


def end(span: Span) -> Position:
    return (span.end_line, span.end_column)


@dataclass(frozen=True, slots=True)
class Placement:
    """The comments of a sequence of nodes, grouped per node."""

    leading: tuple[tuple[Comment, ...], ...]
    inner: tuple[tuple[Comment, ...], ...]
    trailing: tuple[tuple[Comment, ...], ...]
    end: tuple[Comment, ...]


def place(spans: Sequence[Span], comments: Sequence[Comment]) -> Placement:
    """Group ``comments`` around the nodes at ``spans`` (in source order)."""
    count = len(spans)
    leading: list[list[Comment]] = [[] for _ in range(count)]
    inner: list[list[Comment]] = [[] for _ in range(count)]
    trailing: list[list[Comment]] = [[] for _ in range(count)]
    at_end: list[Comment] = []
    starts = [start(span) for span in spans]
    for comment in sorted(comments, key=lambda c: start(c.span)):
        position = start(comment.span)
        following = bisect_right(starts, position)
        previous = following - 1
        if previous >= 0 and position < end(spans[previous]):
            inner[previous].append(comment)
        elif previous >= 0 and comment.span.line == spans[previous].end_line:
            trailing[previous].append(comment)
        elif following < count:
            leading[following].append(comment)
        else:
            at_end.append(comment)
    return Placement(
        tuple(map(tuple, leading)),
        tuple(map(tuple, inner)),
        tuple(map(tuple, trailing)),
        tuple(at_end),
    )

