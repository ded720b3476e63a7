"""Reading the parser's children: tokens by kind, nodes by type, spans.

The builder's methods pick their parts by kind (``_tokens(c, "NAME")``,
``_node(c, Atom)``) rather than by position, and compute a node's span from
its first and last child (``_edge``).

Example: ``unquote("'New York'")`` is ``New York``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from lark import Token

from assess.syntax import ast

T = TypeVar("T")


def unquote(text: str) -> str:
    """The value of a quoted token, escapes resolved as in Python."""
    body = text[1:-1]
    if "\\" not in body:
        return body
    import ast as python_ast  # only for escapes: most files have none

    quote = text[0]
    try:
        value = python_ast.literal_eval(quote + body + quote)
    except (SyntaxError, ValueError):
        return body
    return str(value)


def token_span(file: str, token: Token) -> ast.Span:
    line = token.line or 0
    column = token.column or 0
    return ast.Span(file, line, column, token.end_line or line, token.end_column or column)


def _tokens(children: list[Any], kind: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type == kind]


def _token(children: list[Any], kind: str) -> Token | None:
    found = _tokens(children, kind)
    return found[0] if found else None


def _is_last_member(children: list[Any]) -> bool:
    """Whether the one ``otherwise`` of a competing set comes before its last name."""
    kinds = [c.type for c in children if isinstance(c, Token)]
    return kinds.count("OTHERWISE") == 1 and kinds[-3:] == ["OTHERWISE", "NAME", "DOT"]


def _node(children: list[Any], kind: type[T]) -> T:
    return next(c for c in children if isinstance(c, kind))


def _nodes(children: list[Any], kind: type[T]) -> list[T]:
    return [c for c in children if isinstance(c, kind)]


def _parts(children: list[Any]) -> tuple[Any, ...]:
    """The children that are nodes: neither tokens nor missing optionals."""
    return tuple(c for c in children if c is not None and not isinstance(c, Token))


def _edge(value: Any, first: bool) -> tuple[int, int] | None:
    """Start (``first``) or end position of a child, or None if it has none."""
    if value is None:
        return None
    if isinstance(value, Token):
        if first:
            return (value.line or 0, value.column or 0)
        return (value.end_line or 0, value.end_column or 0)
    if isinstance(value, list | tuple):
        for item in value if first else reversed(value):
            edge = _edge(item, first)
            if edge is not None:
                return edge
        return None
    span: ast.Span = value.span
    return (span.line, span.column) if first else (span.end_line, span.end_column)
