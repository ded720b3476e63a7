"""The fast road (``assess.syntax.ground``) and the general parser build the
same tree: the same nodes, the same spans on every node, the same comments
with the same spans, and the same errors. Checked on every ``.assess`` file
of the repository, on random programs (printed, then with comments and
white space put between their tokens), and on random files of ground facts
and reports written every way the grammar allows."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.diagnostics import AssessError
from assess.syntax import ast, ground
from assess.syntax.parser import parse, parse_general
from assess.syntax.printer import print_program
from assess.syntax.recovery import raise_every_error
from tests.syntax.strategies import KEYWORDS, programs
from tests.syntax.test_printer_properties import commented_programs

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True)
REPOSITORY = Path(__file__).parents[2]


def spans(node: Any) -> list[ast.Span]:
    """Every span in ``node``, depth first, comments included."""
    found: list[ast.Span] = []
    if is_dataclass(node):
        for f in fields(node):
            value = getattr(node, f.name)
            if f.name == "span":
                found.append(value)
            else:
                found.extend(spans(value))
    elif isinstance(node, tuple):
        for item in node:
            found.extend(spans(item))
    return found


def assert_same_reading(text: str, file: str = "<string>") -> None:
    try:
        expected = parse_general(text, file)
    except AssessError as general_error:
        with pytest.raises(AssessError) as fast_error:
            parse(text, file)
        # The first error is the general parser's; the ones after it, those
        # its recovery finds (``recovery``: every syntax error of the file).
        assert fast_error.value.diagnostics[0] == general_error.diagnostics[0]
        with pytest.raises(AssessError) as every_error:
            raise_every_error(text, general_error, lambda blanked: parse_general(blanked, file))
        assert fast_error.value.diagnostics == every_error.value.diagnostics
        return
    got = parse(text, file)
    assert got == expected
    assert spans(got) == spans(expected)
    assert [c.text for c in got.comments] == [c.text for c in expected.comments]


def _repository_files() -> list[Path]:
    return sorted(p for p in REPOSITORY.rglob("*.assess") if ".git" not in p.parts)


@pytest.mark.parametrize("path", _repository_files(), ids=lambda p: str(p.relative_to(REPOSITORY)))
def test_every_file_of_the_repository(path: Path) -> None:
    assert_same_reading(path.read_text(encoding="utf-8", errors="replace"), str(path))


def test_the_files_are_there() -> None:
    assert len(_repository_files()) > 40


@SETTINGS
@given(programs)
def test_printed_random_programs(program: ast.Program) -> None:
    assert_same_reading(print_program(program))


@SETTINGS
@given(commented_programs())
def test_random_programs_with_comments_between_tokens(
    case: tuple[ast.Program, str, list[str]],
) -> None:
    assert_same_reading(case[1])


_SPACE = st.sampled_from(["", " ", "  ", "\t", "\n", " \n  ", "/* c */", "% c\n"])
_NAMES = st.one_of(
    st.from_regex(r"[a-z][A-Za-z0-9_]{0,4}", fullmatch=True), st.sampled_from(KEYWORDS)
)
_CONSTANTS = st.one_of(
    _NAMES,
    st.from_regex(r"[A-Z_][a-z]{0,2}", fullmatch=True),  # a variable: not ground
    st.from_regex(r"-? ?\d{1,3}(\.\d{1,2})?(e-?\d)?", fullmatch=True),
    st.sampled_from(["'it''s'", "'a b'", "'\\n'", '"x, y)"', '"say \\"no\\""', "1e999", "00"]),
    st.sampled_from(["f(a)", "[a]", "_"]),
)


@st.composite
def ground_statements(draw: st.DrawFn) -> str:
    """A fact, rule, query or report, mostly well formed, with white space and
    comments drawn between its tokens (so sometimes off the fast road)."""
    gap = lambda: draw(_SPACE) if draw(st.integers(0, 4)) == 0 else draw(  # noqa: E731
        st.sampled_from(["", " "])
    )

    def literal() -> str:
        args = draw(st.lists(_CONSTANTS, max_size=10))
        atom = ("~" + gap() if draw(st.booleans()) else "") + draw(
            st.one_of(_NAMES, st.just("call"))
        )
        if args or draw(st.booleans()):
            atom += gap() + "(" + ("," + gap()).join(gap() + a + gap() for a in args) + ")"
        return atom

    atom = literal()
    weight = draw(st.sampled_from(["0.5", "1", "0.25e1", "1.0e999"]))
    weighted = f"{weight}{gap()}::{gap()}" if draw(st.booleans()) else ""
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return f"{weighted}{atom}{gap()}."
    if kind == 4:
        return f"query{gap()}({gap()}{atom}{gap()}){gap()}."
    if kind == 1:
        body = [draw(st.sampled_from(["\\+ q", "not q", "X = 1.5", "true"])) if draw(
            st.integers(0, 5)) == 0 else literal() for _ in range(draw(st.integers(1, 4)))]
        neck = draw(st.sampled_from([":-", ":-", "=>"]))
        return f"{weighted}{atom}{gap()}{neck}{gap()}{(gap() + ',' + gap()).join(body)}{gap()}."
    date = draw(st.sampled_from(["", " on 2022-01-02", " on 2022-1-2"]))
    quote = draw(st.sampled_from(["", ' "q. q"', " 'q'"]))
    grade = draw(st.sampled_from(["3", "6", "2.5", "0"]))
    source = draw(_NAMES)
    return f"report {atom} by {source} credibility {grade}{date}{quote}{gap()}."


@SETTINGS
@given(st.lists(ground_statements(), max_size=12), st.lists(_SPACE, min_size=13, max_size=13))
def test_random_ground_statements(statements: list[str], gaps: list[str]) -> None:
    text = "".join(g + s for g, s in zip(gaps, [*statements, ""], strict=False))
    assert_same_reading(text)


def test_ground_statements_take_the_fast_road() -> None:
    text = (
        "edge(a, 'B c', \"s\", -3, 2.5e1).\n  0.5::~p.\n"
        "0.4::m(7) :- e(0), ~f('x', 2).\n"
        'report r(x) by s credibility 3 on 2022-01-02 "q".\n'
    )
    cursor, pos, read = ground.Cursor(), 0, []
    for line in text.splitlines(keepends=True):
        offset = len(line) - len(line.lstrip(" "))
        cursor.line_start = pos
        node = ground.statement(text, pos + offset, "f", cursor)
        assert node is not None, line
        read.append(node)
        cursor.line += 1
        pos += len(line)
    assert tuple(read) == parse_general(text).statements


@pytest.mark.parametrize(
    "text",
    [
        "p(X).",
        "p(a) :- q(X).",
        "p(a) :- \\+ q.",
        "path(X, Y) :- edge(X, Z), not  cut(Z, _), \\+~far(Y), path(Z, Y).",
        "0.3::p(X) :- q(X, -2, 'a b', \"s\").",
        "query(p).",
        "query( ~p(X, 1) ) .",
    ],
)
def test_rules_of_literals_and_queries_take_the_fast_road(text: str) -> None:
    assert ground.statement(text, 0, "f", ground.Cursor()) is not None
    assert_same_reading(text)


def test_a_program_of_plain_statements_never_builds_the_general_parser() -> None:
    """The rules and query of a ProbLog program: the lexers of the general
    parser (one regular expression per parser state) are not built."""
    text = "0.5::e(1, 2).\np(X, Y) :- e(X, Y).\np(X, Y) :- p(X, Z), \\+ e(Z, Y).\nquery(p(1, 2)).\n"
    script = (
        "import sys\n"
        "from assess.syntax import parser\n"
        "parser.parse(sys.stdin.read())\n"
        "print(parser._grammar.cache_info().currsize)\n"
    )
    # In a process of its own: this one's parser is long built.
    done = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True,
                          text=True, check=True, cwd=REPOSITORY)
    assert done.stdout.strip() == "0"


@pytest.mark.parametrize(
    "text",
    [
        "p(a) :- call(q).",
        "p(a) :- \\+ call(q).",
        "p(a) :- not(q).",
        "p(a) :- X = 1.",
        "query(\\+ p).",
        "query(p) :- q.",
        "p(a) => q.",
        "[r] p(a).",
        "p(a /* c */).",
        "p(a,\n b).",
        "p(not).",
        "p(f(a)).",
        "p(1e999).",
        "report r(a) by s credibility 2.5.",
    ],
)
def test_what_is_not_plainly_ground_goes_to_the_general_parser(text: str) -> None:
    assert ground.statement(text, 0, "f", ground.Cursor()) is None
    assert_same_reading(text)


def test_an_error_after_many_facts_is_reported_where_it_is() -> None:
    text = "".join(f"edge({i}, {i + 1}).\n" for i in range(500)) + "edge(1 2).\n"
    with pytest.raises(AssessError) as caught:
        parse(text, "big.assess")
    (diagnostic,) = caught.value.diagnostics
    where = (diagnostic.code, diagnostic.span.line, diagnostic.span.column)
    assert where == ("syntax_error", 501, 8)
