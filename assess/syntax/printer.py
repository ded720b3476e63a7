"""Syntax tree to text: the one canonical layout that ``assess fmt`` writes.

Layout: one statement per line, in source order; where the source had one
or more blank lines between two statements (or comments) there is exactly
one. A rule whose line would pass ``MAX_WIDTH`` characters, or that has
comments inside its body, is written one body literal per line, indented
four spaces; a report too long for one line has its quote on a continuation
line. Scenario items are indented four spaces inside the braces.

Comments are placed by ``assess.syntax.comments``: a comment that trailed a
statement trails it again (two spaces after it), one between statements
stays between them on lines of its own, one inside a rule body stays beside
the body literal it was written beside. A ``%`` comment ends its line, so
when several comments must follow one line, those after it go on lines of
their own just below. No comment is dropped and none changes order.

Lines end in ``\n``; ``format_program`` can end them in ``\r\n`` instead,
to keep a file's style, inside block comments too. Invariants
(property-tested): ``parse(print_program(p)) == p``, and printing is
idempotent: ``print_program(parse(print_program(p))) == print_program(p)``.

Example::

    >>> from assess.syntax.parser import parse
    >>> print(print_program(parse("a:-b,\\n  c.  % why\\n\\n\\n0.5::d.")), end="")
    a :- b, c.  % why
    <BLANKLINE>
    0.5::d.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.syntax import ast, notation
from assess.syntax.comments import place
from assess.syntax.parser import parse

MAX_WIDTH = 88
INDENT = "    "
QUOTE_INDENT = " " * len("report ")

Node = ast.Statement | ast.ScenarioItem


def print_program(program: ast.Program) -> str:
    """The canonical text of ``program`` with its comments; ends in a newline."""
    lines = _sequence(program.statements, program.comments, "")
    return "".join(line + "\n" for line in lines)


def print_statement(node: Node) -> str:
    """The canonical text of one statement, without comments or final newline."""
    return "\n".join(_node(node, (), (), ""))


FORMAT_OFF = "% fmt: off"


def formatting_disabled(program: ast.Program) -> bool:
    """Whether the file asks to be left as written: a comment ``% fmt: off``
    (alone, or followed by a space and the reason).

    For files whose layout matters as written, such as test fixtures whose
    expected answers name line and column numbers.
    """
    return any(
        _comment(c) == FORMAT_OFF or c.text.startswith(FORMAT_OFF + " ") for c in program.comments
    )


class FormatError(RuntimeError):
    """The printed text does not read back as the same program: a bug."""


def format_source(text: str, file: str = "<string>") -> str:
    """``text`` in canonical layout; ``AssessError`` if it does not parse."""
    return format_program(parse(text, file))


def format_program(program: ast.Program, newline: str = "\n") -> str:
    """``print_program(program)``, checked to read back as the same program,
    with ``newline`` ending each line (``line_ending`` of the file's text).

    The result is parsed again and must give the same statements and the
    same comments in the same order, or ``FormatError`` is raised: a file is
    never rewritten into a different program.
    """
    result = print_program(program)
    again = parse(result, program.file)
    if again != program or _texts(again.comments) != _texts(program.comments):
        raise FormatError(
            f"printing {program.file} changed its meaning; this is a bug in the printer"
        )
    return result if newline == "\n" else result.replace("\n", newline)


def line_ending(text: str) -> str:
    """The line ending of ``text``'s first line, ``"\\r\\n"`` or ``"\\n"``
    (as black decides a file's style), which ``format_program`` keeps.

    >>> line_ending("a.\\r\\nb.\\n"), line_ending("a.\\n")
    ('\\r\\n', '\\n')
    """
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _texts(comments: Sequence[ast.Comment]) -> list[str]:
    return [_comment(c) for c in comments]


def _comment(comment: ast.Comment) -> str:
    """A comment as printed: without trailing white space (a ``%`` comment)
    or with ``\\n`` for the ``\\r\\n`` ending its inner lines (a block comment)."""
    if comment.text.startswith("%"):
        return comment.text.rstrip()
    return comment.text.replace("\r\n", "\n")


class _Lines:
    """Output lines of one sequence of nodes, with its blank-line memory."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.previous_end: int | None = None

    def element(self, first_line: int, last_line: int) -> None:
        """Start an element written at ``first_line..last_line`` of the source."""
        if self.previous_end is not None and first_line > self.previous_end + 1:
            self.lines.append("")
        self.previous_end = max(last_line, self.previous_end or 0)

    def comment(self, comment: ast.Comment, indent: str) -> None:
        self.element(comment.span.line, comment.span.end_line)
        self.lines.append(indent + _comment(comment))


def _sequence(nodes: Sequence[Node], comments: Sequence[ast.Comment], indent: str) -> list[str]:
    """Lines for ``nodes`` at ``indent`` with the comments among them."""
    out = _Lines()
    placed = place([node.span for node in nodes], comments)
    for i, node in enumerate(nodes):
        inner, trailing = placed.inner[i], placed.trailing[i]
        keeps_inner = isinstance(node, ast.Scenario) or _has_body(node)
        for comment in placed.leading[i] + (() if keeps_inner else inner):
            out.comment(comment, indent)
        ends = [node.span.end_line] + [c.span.end_line for c in trailing]
        out.element(node.span.line, max(ends))
        out.lines.extend(_node(node, inner if keeps_inner else (), trailing, indent))
    for comment in placed.end:
        out.comment(comment, indent)
    return out.lines


def _has_body(node: Node) -> bool:
    return isinstance(node, ast.Clause | ast.Disjunction) and bool(node.body)


def _node(
    node: Node, inner: Sequence[ast.Comment], trailing: Sequence[ast.Comment], indent: str
) -> list[str]:
    """Lines for one node; ``inner`` comments go inside, ``trailing`` after."""
    if isinstance(node, ast.Scenario):
        return _scenario(node, inner, trailing, indent)
    if isinstance(node, ast.Clause | ast.Disjunction) and node.body:
        return _rule(node, inner, trailing, indent)
    if isinstance(node, ast.Report):
        text, quote = notation.report_parts(node)
        line = indent + notation.statement(node)
        if quote is not None and len(line) > MAX_WIDTH:
            return _finish([indent + text, indent + QUOTE_INDENT + quote + "."], trailing, indent)
        return _finish([line], trailing, indent)
    return _finish([indent + notation.statement(node)], trailing, indent)


def _rule(
    node: ast.Clause | ast.Disjunction,
    inner: Sequence[ast.Comment],
    trailing: Sequence[ast.Comment],
    indent: str,
) -> list[str]:
    """One line if it fits and no comment goes inside, else one literal per line.

    Comments after the last literal go after the period either way.
    """
    placed = place([literal.span for literal in node.body], inner)
    last = len(node.body) - 1
    after = (*placed.trailing[last], *placed.end, *trailing)
    inside = any(placed.leading) or any(placed.inner) or any(placed.trailing[:last])
    line = indent + notation.statement(node)
    if not inside and len(line) <= MAX_WIDTH:
        return _finish([line], after, indent)
    on_head, first = _on_header_line(node.span.line, placed.leading[0], node.body[0].span)
    body_indent = indent + INDENT
    head = f"{indent}{notation.rule_head(node)} {notation.neck(node)}"
    lines = _finish([head], on_head, body_indent)
    for j, literal in enumerate(node.body):
        ahead = (first if j == 0 else placed.leading[j]) + placed.inner[j]
        lines.extend(body_indent + _comment(c) for c in ahead)
        text = body_indent + notation.literal(literal) + ("," if j < last else ".")
        if j < last:
            lines.extend(_finish([text], placed.trailing[j], body_indent))
        else:
            lines.extend(_finish([text], after, indent))
    return lines


def _scenario(
    node: ast.Scenario,
    inner: Sequence[ast.Comment],
    trailing: Sequence[ast.Comment],
    indent: str,
) -> list[str]:
    header = f"{indent}scenario {notation.string(node.name)} {{"
    first = node.items[0].span if node.items else None
    on_header, rest = _on_header_line(node.span.line, inner, first)
    body = _sequence(node.items, rest, indent + INDENT)
    if not body and not on_header:
        return _finish([header + "}"], trailing, indent)
    lines = _finish([header], on_header, indent + INDENT)
    return [*lines, *body, *_finish([indent + "}"], trailing, indent)]


def _on_header_line(
    line: int, comments: Sequence[ast.Comment], first: ast.Span | None
) -> tuple[tuple[ast.Comment, ...], tuple[ast.Comment, ...]]:
    """Split off the comments that end the header line (``h :-  % why``).

    They are those written on the node's first line when its first part
    (body literal, scenario item) starts on a later line; the rest follow.
    """
    if first is not None and first.line <= line:
        return (), tuple(comments)
    return (
        tuple(c for c in comments if c.span.line == line),
        tuple(c for c in comments if c.span.line != line),
    )


def _finish(lines: list[str], comments: Sequence[ast.Comment], indent: str) -> list[str]:
    """Append ``comments`` to the last line while they can share it.

    A ``%`` comment runs to the end of its line and a comment that spans
    lines ends on another one, so the comments after either get lines of
    their own at ``indent``.
    """
    rest = list(comments)
    while rest:
        text = _comment(rest.pop(0))
        lines[-1] += "  " + text
        if text.startswith("%") or "\n" in text:
            break
    lines.extend(indent + _comment(c) for c in rest)
    return lines
