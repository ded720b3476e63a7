"""Printing and parsing are inverse, printing is idempotent, comments survive.

Programs come from ``tests/syntax/strategies.py``; commented programs are
printed programs with comments inserted at random line ends, on lines of
their own, before a statement's period, and between tokens (block comments,
some spanning lines).
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.syntax import ast
from assess.syntax.parser import parse
from assess.syntax.printer import print_program
from tests.syntax.strategies import programs

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True)


@SETTINGS
@given(programs)
def test_parsing_the_printed_program_gives_it_back(program: ast.Program) -> None:
    assert parse(print_program(program)) == program


@SETTINGS
@given(programs)
def test_printing_is_idempotent(program: ast.Program) -> None:
    text = print_program(program)
    assert print_program(parse(text)) == text


# Quoted tokens (skipped) and the spaces between tokens, where a block comment
# may go; except after a word that is only a keyword when a space follows.
_QUOTED_OR_SPACE = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|(?<![\n ]) """)
_OPENERS = frozenset(
    {"source", "indicator", "hypothesis", "competing", "conflict"}
    | {"report", "load", "grade", "scenario", "expect", "drop"}
)


def _spots(text: str) -> list[tuple[int, str]]:
    """Where a comment may be inserted: (offset, kind)."""
    spots = [(0, "own")]
    for match in re.finditer("\n", text):
        spots += [(match.start(), "trailing"), (match.end(), "own")]
        if text[match.start() - 1] == ".":
            spots.append((match.start() - 1, "before_period"))
    for match in _QUOTED_OR_SPACE.finditer(text):
        word = re.search(r"\w*$", text[: match.start()])
        if match.group() == " " and (word is None or word.group() not in _OPENERS):
            spots.append((match.end(), "between_tokens"))
    return spots


def _comment(kind: str, number: int, multiline: bool) -> tuple[str, str]:
    """The inserted text and the comment's text."""
    if kind == "between_tokens":
        comment = f"/* c{number}\n   more */" if multiline else f"/* c{number} */"
        return comment + " ", comment
    comment = f"% c{number}"
    if kind == "before_period":
        return f"\n{comment}\n", comment
    return (f"  {comment}" if kind == "trailing" else f"{comment}\n"), comment


@st.composite
def commented_programs(draw: st.DrawFn) -> tuple[ast.Program, str, list[str]]:
    program = draw(programs)
    text = print_program(program)
    spots = sorted(draw(st.lists(st.sampled_from(_spots(text)), unique=True, max_size=8)))
    pieces, expected, previous = [], [], 0
    for number, (offset, kind) in enumerate(spots):
        inserted, comment = _comment(kind, number, draw(st.booleans()))
        pieces += [text[previous:offset], inserted]
        expected.append(comment)
        previous = offset
    pieces.append(text[previous:])
    return program, "".join(pieces), expected


@SETTINGS
@given(commented_programs())
def test_comments_survive_in_order_and_printing_stays_idempotent(
    case: tuple[ast.Program, str, list[str]],
) -> None:
    program, text, expected = case
    parsed = parse(text)
    assert [c.text for c in parsed.comments] == expected
    printed = print_program(parsed)
    again = parse(printed)
    assert again == program
    assert [c.text for c in again.comments] == expected
    assert print_program(again) == printed


def _node_classes() -> set[str]:
    return {
        name
        for name, value in vars(ast).items()
        if isinstance(value, type)
        and is_dataclass(value)
        and any(f.name == "span" for f in fields(value))
        and name not in ("Comment",)
    }


def test_strategies_name_every_node_type() -> None:
    source = (Path(__file__).parent / "strategies.py").read_text(encoding="utf-8")
    missing = {name for name in _node_classes() if f"ast.{name}" not in source}
    assert not missing, f"strategies.py builds no {sorted(missing)}"
