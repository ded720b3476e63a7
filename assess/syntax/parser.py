"""Text to syntax tree: ``grammar/assess.lark`` (LALR), the tree built inline.

``parse(text, file)`` returns a ``Program`` or raises ``AssessError`` with one
``syntax_error`` diagnostic at the offending token. The AST is built while
lark parses (``builder.Builder``, lark's inline transformer), with no
intermediate parse tree. Mistakes people make often (a missing final period,
``:=`` for ``:-``, a capitalised predicate, a weight after the atom,
unbalanced brackets) get a message that says so (``errors``).

Shapes the grammar accepts but the language does not (an annotated
disjunction with an unweighted head, ``evidence(a, maybe)``, an expectation
phrase that is no ICD 203 term or status) are also ``syntax_error``.

Example::

    >>> parse("edge(a, b).").statements[0].head.predicate
    'edge'
"""

from __future__ import annotations

import gc
from functools import cache
from importlib import resources
from pathlib import Path

import lark
from lark import Token

from assess.diagnostics import AssessError, error
from assess.syntax import ast
from assess.syntax.builder import Builder, BuildError, token_span
from assess.syntax.errors import describe

GRAMMAR_NAME = "assess.lark"


def grammar_text() -> str:
    """The grammar, from the installed package or from the source tree."""
    packaged = resources.files("assess").joinpath("grammar", GRAMMAR_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    in_tree = Path(__file__).resolve().parents[2] / "grammar" / GRAMMAR_NAME
    return in_tree.read_text(encoding="utf-8")


class _CommentSink:
    """Collects comment tokens of the parse in progress (lark's lexer
    callbacks are fixed when the parser is built, so they write here)."""

    def __init__(self) -> None:
        self.file = "<string>"
        self.comments: list[ast.Comment] = []

    def __call__(self, token: Token) -> Token:
        self.comments.append(ast.Comment(str(token), token_span(self.file, token)))
        return token


_SINK = _CommentSink()
_BUILDER = Builder()


@cache
def _parser() -> lark.Lark:
    return lark.Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        keep_all_tokens=True,
        maybe_placeholders=True,
        transformer=_BUILDER,
        lexer_callbacks={"LINE_COMMENT": _SINK, "BLOCK_COMMENT": _SINK},
    )


def parse(text: str, file: str = "<string>") -> ast.Program:
    """Parse ``text`` (reported as ``file``) into a ``Program``."""
    _SINK.file, _SINK.comments = file, []
    _BUILDER.file = file
    collecting = gc.isenabled()
    # The tree has no reference cycles, so the cycle collector only slows the
    # parse down (by about 15 % on a 5,000-rule file: bench/parse_check.py).
    gc.disable()
    try:
        statements: list[ast.Statement] = _parser().parse(text)  # type: ignore[assignment]
    except lark.exceptions.UnexpectedInput as exc:
        span, message = describe(exc, text, file, _parser())
        raise AssessError([error("syntax_error", span, message)]) from None
    except BuildError as exc:
        raise AssessError([error("syntax_error", exc.span, exc.message)]) from None
    finally:
        if collecting:
            gc.enable()
    return ast.Program(tuple(statements), tuple(_SINK.comments), file)
