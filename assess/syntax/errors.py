"""Messages for syntax errors, in the words of the mistake that was made.

Lark's ``match_examples`` finds the known mistake whose parser state matches
the failure; otherwise the message names what was found and what was
expected, in the language's words rather than terminal names.

Example::

    >>> from assess.syntax.parser import parse
    >>> try:
    ...     parse("edge(a, b)")
    ... except Exception as exc:
    ...     print(exc)
    missing '.' at the end of the statement
"""

from __future__ import annotations

import lark

# Each message lists programs that fail in the same parser state as the mistake.
KNOWN_MISTAKES: dict[str, list[str]] = {
    "missing '.' at the end of the statement": [
        "edge(a, b)",
        "edge(a, b) edge(b, c).",
        "p :- q",
        "p :- q r.",
        "p(X) :- q(X) r(X).",
        "0.3::a",
        "query(a)",
        "source s \"S\" reliability B",
        "indicator i \"I\"",
        "hypothesis h \"H\"",
        "competing c: a, b",
        "report r by s credibility 2 on 2022-12-15 \"q\"",
        "report r by s credibility 2",
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

READABLE_TERMINALS = {
    "DOT": "'.'",
    "COMMA": "','",
    "LPAR": "'('",
    "RPAR": "')'",
    "LSQB": "'['",
    "RSQB": "']'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "SEMICOLON": "';'",
    "COLON": "':'",
    "NECK": "':-'",
    "NAME": "a name",
    "VAR": "a variable",
    "NUMBER": "a number",
    "STRING": "a \"string\"",
    "QUOTED": "a 'quoted atom'",
    "COMPARE": "a comparison",
    "DATE": "a date (YYYY-MM-DD)",
    "RELIABILITY": "a reliability grade A-F",
    "GRADE_CODE": "a grade such as B2",
    "$END": "the end of the file",
}


def syntax_message(exc: lark.exceptions.UnexpectedInput, parser: lark.Lark) -> str:
    """The message for a parse by ``parser`` that failed with ``exc``.

    The examples must be parsed by the same parser: states are compared.
    """
    try:
        label = exc.match_examples(parser.parse, KNOWN_MISTAKES, use_accepts=True)
    except Exception:
        label = None
    if label:
        return str(label)
    return _plain_message(exc)


def _plain_message(exc: lark.exceptions.UnexpectedInput) -> str:
    if isinstance(exc, lark.exceptions.UnexpectedCharacters):
        char = exc.char
        return f"unexpected character {char!r}" + _expected(exc.allowed or set())
    if isinstance(exc, lark.exceptions.UnexpectedEOF):
        return "the file ends in the middle of a statement" + _expected(set(exc.expected))
    if isinstance(exc, lark.exceptions.UnexpectedToken):
        token = exc.token
        found = "the end of the file" if token.type == "$END" else repr(str(token))
        return f"unexpected {found}" + _expected(exc.accepts or exc.expected)
    return str(exc).splitlines()[0]


def _expected(names: set[str]) -> str:
    readable = sorted({READABLE_TERMINALS.get(name, _keyword(name)) for name in names})
    if not readable:
        return ""
    if len(readable) > 6:
        readable = [*readable[:6], "…"]
    return "; expected " + ", ".join(readable)


def _keyword(name: str) -> str:
    return "'" + name.lower().replace("__anon", "").strip("_") + "'"
