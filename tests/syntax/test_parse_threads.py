"""Parses in two threads at once keep their own spans and comments.

Two different files are parsed and formatted (``format_program``: print,
parse again, compare) 1,000 times each, in two threads, with the
interpreter switching threads as often as it can. Every result must be the
one a parse on its own gives: every span of the tree names its own file and
its own lines, and the comments are its own, in place.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any

from assess.syntax import ast
from assess.syntax.parser import parse
from assess.syntax.printer import format_program

ROUNDS = 1000

FIRST = """\
% first file
edge(a, b).  % one edge
path(X, Y) :- edge(X, Y).
"""

SECOND = """\


/* second file */
0.4::rain.
wet :- rain.  % why
report troops(3) by s credibility 2.
"""


def spans(node: Any) -> Iterator[ast.Span]:
    """Every span in ``node``, in field order."""
    if isinstance(node, ast.Span):
        yield node
    elif isinstance(node, tuple):
        for item in node:
            yield from spans(item)
    elif is_dataclass(node):
        for part in fields(node):
            yield from spans(getattr(node, part.name))


def summary(program: ast.Program) -> tuple[object, ...]:
    """What must not leak between parses: spans and comments with theirs."""
    comments = tuple((c.text, c.span) for c in program.comments)
    return (program.file, tuple(spans(program.statements)), comments)


def test_two_threads_parse_and_format_their_own_files() -> None:
    files = {"first.assess": FIRST, "second.assess": SECOND}
    expected = {}
    for name, text in files.items():
        program = parse(text, name)
        expected[name] = (summary(program), format_program(program))
    assert {s.file for s in spans(parse(FIRST, "first.assess").statements)} == {"first.assess"}
    failures: list[str] = []

    def work(name: str) -> None:
        for _ in range(ROUNDS):
            try:
                program = parse(files[name], name)
                got = (summary(program), format_program(program))
            except Exception as exc:  # a failure to report, not to lose in the thread
                failures.append(f"{name}: {exc!r}")
                return
            if got != expected[name]:
                failures.append(f"{name}: {got}")
                return

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        threads = [threading.Thread(target=work, args=(name,)) for name in files]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
