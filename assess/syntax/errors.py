"""Messages for syntax errors, in the words of the mistake that was made.

``describe(exc, text, file)`` turns lark's exception into a message and the
span to point at. In order:

1. Characters no token starts with: an unterminated ``"string"``, ``'quoted
   atom'`` or ``/* comment``, or a stray character.
2. A statement cut short: when ``.`` could come next and the file ends, or
   the next token is on a later line, the message is "missing '.'" and the
   caret goes just *after* the last token of the statement (where the ``.``
   belongs), not at the next statement. A scenario left open at the end of
   the file is "missing '}'".
3. A known mistake (``KNOWN_MISTAKES``): an example program that fails in
   the same parser state *with the same kind of token* (lark's
   ``match_examples`` also accepts a state match alone, which mislabels
   unrelated errors).
4. Otherwise: what was found and what was expected, in the language's words,
   and, inside a declaration (``source``, ``report``, ``expect``, …), how that
   declaration is written.

Example::

    >>> from assess.syntax.parser import parse
    >>> try:
    ...     parse("edge(a, b).\\nedge(b, c)")
    ... except Exception as exc:
    ...     print(exc, exc.diagnostics[0].span)
    missing '.' at the end of the statement <string>:2:11
"""

from __future__ import annotations

import re
from functools import cache

import lark
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from assess.syntax.ast import Span
from assess.syntax.builder import BuildError

MISSING_DOT = "missing '.' at the end of the statement"
UNTERMINATED_COMMENT = "unterminated comment: '/*' is never closed by '*/'"

# Each message lists programs that fail in the same parser state as the mistake.
KNOWN_MISTAKES: dict[str, list[str]] = {
    MISSING_DOT: [
        "edge(a, b) edge(b, c).",
        "p :- q r.",
        "p(X) :- q(X) r(X).",
    ],
    "':-' is misspelt: a rule is written 'head :- body.'": [
        "p :=  q.",
        "p := q.",
        "p <- q.",
        "p(X) <- q(X).",
        "p :  q.",
        "p(X) : q(X).",
        "p(X) = q(X).",
    ],
    "a predicate name must start with a lower-case letter (upper case is a variable)": [
        "Edge(a, b).",
        "P.",
        "p :- Q(X).",
        "p :- q, R(X).",
        "p :- \\+ Q(X).",
    ],
    "the weight goes before the atom: write 'P::atom'": [
        "a::0.3.",
        "a(x)::0.3.",
        "a :: 0.3 :- b.",
    ],
    "a body cannot contain ';': write one rule per alternative": [
        "p :- q ; r.",
        "p(X) :- q(X) ; r(X).",
    ],
    "unbalanced brackets: a '(' is not closed": [
        "p(a, b.",
        "p(a :- q.",
        "p :- q(a.",
        "p :- q(X, (Y + 1).",
    ],
    "unbalanced brackets: a ')' has no matching '('": [
        "p(a)).",
        "p :- q(a)).",
        "p :- q), r.",
    ],
}

# Hints when the word before the unexpected token opens a declaration.
AFTER_WORD = {
    "expect": "'expect' belongs inside a scenario: scenario \"name\" { expect … }",
    "drop": "'drop' belongs inside a scenario: scenario \"name\" { drop source s. … }",
    "grade": "a grade override is a reliability A-F and a credibility 1-6: grade B2 = 0.75.",
}

READABLE_TERMINALS = {
    "NAME": "a name",
    "VAR": "a variable",
    "NUMBER": "a number",
    "STRING": 'a "string"',
    "QUOTED": "a 'quoted atom'",
    "COMPARE": "a comparison",
    "NECK": "':-'",
    "NAF": "'\\+'",
    "ADD_OP": "'+'",
    "MUL_OP": "'*'",
    "POW_OP": "'**'",
    "DATE": "a date (YYYY-MM-DD)",
    "RELIABILITY": "a reliability grade A-F",
    "GRADE_CODE": "a grade such as B2",
    "$END": "the end of the file",
}
TERM_STARTS = {"NAME", "VAR", "NUMBER", "STRING", "QUOTED", "LSQB"}
OPERATORS = {"ADD_OP", "MUL_OP", "POW_OP"}

# Pieces of text between tokens, and tokens that may contain spaces or '%'.
_SKIP = re.compile(r"\s+|%[^\n]*|/\*.*?\*/", re.DOTALL)
_TOKEN = re.compile(
    r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"
    r"|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z0-9_]+|.",
    re.DOTALL,
)
_STATEMENT_ENDS = {".", "{", "}"}

# How each declaration is written, for errors inside one.
SHAPES = {
    "source": 'source name "description" reliability A-F [derived_from other, …].',
    "indicator": 'indicator name[(parameter, …)] "description" [current].',
    "hypothesis": 'hypothesis name[(parameter, …)] "description".',
    "competing": (
        "competing set_name [exclusive] [given atom]: hypothesis, …[, otherwise hypothesis]."
    ),
    "conflict": "conflict predicate, predicate.",
    "report": 'report atom by source credibility 1-6 [on YYYY-MM-DD] ["quote"].',
    "load": 'load "file.csv". | load "file.assess".',
    "drop": "drop source s. | drop atom. | drop atom by s.",
    "query": "query(atom).",
    "evidence": "evidence(atom, true|false).",
    "expect": "expect atom is <likelihood>. | expect a > b. | "
    "expect probability(a) < 0.2 [within 0.01]. | expect why(a) cites source.",
    "scenario": 'scenario "name" { reports, facts, loads, drops and expectations }',
}
# The keywords, with the lookahead the grammar gives them (``source(x).`` is a fact).
_KEYWORD = re.compile(
    r"(?:query|evidence)(?=\s*\()"
    r"|(?:source|indicator|hypothesis|competing|conflict|report|expect|drop)(?=\s+[a-z'~])"
    r"|(?:load|scenario)(?=\s+\")"
)


def describe(exc: UnexpectedInput, text: str, file: str, parser: lark.Lark) -> tuple[Span, str]:
    """The span to point at and the message for a parse that failed with ``exc``."""
    if isinstance(exc, UnexpectedCharacters):
        return _point(text, file, exc.pos_in_stream or 0), _characters_message(exc, text, parser)
    if not isinstance(exc, UnexpectedToken):
        return _point(text, file, exc.pos_in_stream or 0), str(exc).splitlines()[0]
    at_end = exc.token.type == "$END"
    offset = len(text) if at_end else (exc.token.start_pos or 0)
    previous_start, previous_end = _previous_token(text, offset)
    after_previous = _point(text, file, previous_end)
    accepts = set(exc.accepts or exc.expected)
    word = text[previous_start:previous_end]
    if text.startswith("/*", offset):
        return _point(text, file, offset), UNTERMINATED_COMMENT
    if word in AFTER_WORD and not at_end:
        return _point(text, file, previous_start), AFTER_WORD[word]
    if "DOT" in accepts and (at_end or "\n" in text[previous_end:offset]):
        return after_previous, MISSING_DOT
    if at_end and "RBRACE" in accepts:
        return after_previous, "missing '}' at the end of the scenario"
    label = _known_mistake(exc, parser)
    if label == MISSING_DOT:
        return after_previous, label
    if label:
        return (after_previous if at_end else _point(text, file, offset)), label
    if at_end:
        message = "the file ends in the middle of a statement" + _expected(accepts, parser)
        return after_previous, _with_shape(message, text, offset)
    message = f"unexpected {str(exc.token)!r}" + _expected(accepts, parser)
    return _point(text, file, offset), _with_shape(message, text, offset)


def _characters_message(exc: UnexpectedCharacters, text: str, parser: lark.Lark) -> str:
    rest = text[exc.pos_in_stream :]
    if rest.startswith("/*"):
        return UNTERMINATED_COMMENT
    if exc.char == '"':
        return "unterminated string: the '\"' is not closed on this line"
    if exc.char == "'":
        return 'unterminated quoted atom: the "\'" is not closed on this line'
    return f"unexpected character {exc.char!r}" + _expected(set(exc.allowed or ()), parser)


@cache
def _example_failures(parser: lark.Lark) -> tuple[tuple[int, str, str], ...]:
    """(state, token type, label) of each known-mistake example."""
    failures = []
    for label, examples in KNOWN_MISTAKES.items():
        for example in examples:
            try:
                parser.parse(example)
            except UnexpectedToken as exc:
                failures.append((exc.state, exc.token.type, label))
            except (UnexpectedInput, BuildError):
                continue
    return tuple(failures)


def _known_mistake(exc: UnexpectedToken, parser: lark.Lark) -> str | None:
    for state, token_type, label in _example_failures(parser):
        if state == exc.state and token_type == exc.token.type:
            return label
    return None


def _previous_token(text: str, offset: int) -> tuple[int, int]:
    """Start and end offsets of the last token that ends at or before ``offset``."""
    position, start, end = 0, 0, 0
    while position < offset:
        skipped = _SKIP.match(text, position)
        if skipped:
            position = skipped.end()
            continue
        token = _TOKEN.match(text, position)
        if token is None or token.end() > offset:
            break
        start, end = token.start(), token.end()
        position = end
    return start, end


def _declaration(text: str, offset: int) -> str | None:
    """The keyword that opens the statement around ``offset``, if it is one."""
    position, start = 0, 0
    while position < offset:
        skipped = _SKIP.match(text, position)
        if skipped:
            position = skipped.end()
            continue
        token = _TOKEN.match(text, position)
        if token is None:
            break
        if token[0] in _STATEMENT_ENDS and token.end() <= offset:
            start = token.end()
        position = token.end()
    while (skipped := _SKIP.match(text, start)) and skipped.end() > start:
        start = skipped.end()
    keyword = _KEYWORD.match(text, start)
    return keyword[0] if keyword else None


def _with_shape(message: str, text: str, offset: int) -> str:
    keyword = _declaration(text, offset)
    return f"{message} (a {keyword} is written: {SHAPES[keyword]})" if keyword else message


def _point(text: str, file: str, offset: int) -> Span:
    """A one-character span at ``offset`` (1-based line and column)."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Span(file, line, column, line, column + 1)


def _expected(names: set[str], parser: lark.Lark) -> str:
    if len(names & TERM_STARTS) >= 3:
        names = (names - TERM_STARTS - {"MINUS"}) | {"TERM"}
    if names & OPERATORS and len(names) > len(OPERATORS):
        names = names - OPERATORS
    readable = sorted({_readable(name, parser) for name in names})
    if not readable:
        return ""
    if len(readable) > 6:
        readable = [*readable[:6], "…"]
    return "; expected " + ", ".join(readable)


def _readable(name: str, parser: lark.Lark) -> str:
    """A terminal as the analyst would write it: ``'::'``, ``a name``."""
    if name == "TERM":
        return "a term"
    if name in READABLE_TERMINALS:
        return READABLE_TERMINALS[name]
    try:
        pattern = parser.get_terminal(name).pattern
    except KeyError:
        pattern = None
    if pattern is not None and pattern.type == "str":
        return f"'{pattern.value}'"
    return "'" + name.lower().strip("_") + "'"
