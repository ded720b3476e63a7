"""Text to syntax tree: ``grammar/assess.lark`` (LALR), the tree built inline.

``parse(text, file)`` returns a ``Program`` or raises ``AssessError`` with a
``syntax_error`` diagnostic at each offending token: after the first, the
parse resynchronises at the next statement (``recovery``). The AST is built while
lark parses (``builder.Builder``, lark's inline transformer), with no
intermediate parse tree. Mistakes people make often (a missing final period,
``:=`` for ``:-``, a capitalised predicate, a weight after the atom,
unbalanced brackets) get a message that says so (``errors``).

Shapes the grammar accepts but the language does not (an annotated
disjunction with an unweighted head, ``evidence(a, maybe)``, an expectation
phrase that is no ICD 203 term or status) are also ``syntax_error``; a
number the language refuses (``1e309``, an integer of more than 4,000 digits:
``numbers``) is ``invalid_number``.

A parse keeps its state to itself. Lark analyses the grammar once (the LALR
tables and the lexers, which every parse shares and only reads); each call
gets its own ``Builder`` (the rule callbacks, bound to its file name) and its
own list of comments. The grammar does not ``%ignore`` comments: they leave
the lexer as tokens and each parse sets them aside into its own list before
the parser sees them (``_CommentSieve``). So two threads parsing two files at
once each get their own file's spans and comments.

Example::

    >>> parse("edge(a, b).").statements[0].head.predicate
    'edge'
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from pathlib import Path
from types import MethodType
from typing import Any

import lark
from lark import Token
from lark.grammar import Rule
from lark.lark import PostLex
from lark.lexer import Lexer, LexerState, LineCounter
from lark.parse_tree_builder import ParseTreeBuilder
from lark.utils import TextSlice

from assess.diagnostics import AssessError, error
from assess.syntax import ast, ground
from assess.syntax.builder import BadNumber, Builder, BuildError, Refused, token_span
from assess.syntax.errors import describe
from assess.syntax.recovery import raise_every_error

GRAMMAR_NAME = "assess.lark"
COMMENTS = frozenset({"LINE_COMMENT", "BLOCK_COMMENT"})

Callback = Callable[[list[Any]], Any]
Wrapper = Callable[[Callback], Callback]


def grammar_text() -> str:
    """The grammar, from the installed package or from the source tree."""
    packaged = resources.files("assess").joinpath("grammar", GRAMMAR_NAME)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    in_tree = Path(__file__).resolve().parents[2] / "grammar" / GRAMMAR_NAME
    return in_tree.read_text(encoding="utf-8")


class _DropComments(PostLex):
    """Has the contextual lexer accept comments in every state; lark's own
    ``Lark.parse`` (the known-mistake examples of ``errors``) drops them here."""

    always_accept = tuple(sorted(COMMENTS))

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        return (token for token in stream if token.type not in COMMENTS)


class _CommentSieve(Lexer):
    """One parse's lexer: the shared lexer's tokens, with the comments taken
    out into ``comments`` (as ``ast.Comment`` of ``file``)."""

    def __init__(self, lexer: Lexer, file: str, comments: list[ast.Comment]) -> None:
        self.lexer = lexer
        self.file = file
        self.comments = comments

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        for token in self.lexer.lex(lexer_state, parser_state):
            if token.type in COMMENTS:
                self.comments.append(ast.Comment(str(token), token_span(self.file, token)))
            else:
                yield token


@dataclass(frozen=True, slots=True)
class _Grammar:
    """What all parses share and only read: lark's analysis of the grammar,
    its lexer (before comments are dropped), and how each rule builds its
    value. ``trees`` are the rules the builder has no method for (lark's
    helper rules, whose trees their parent rule inlines); ``methods`` are
    the others, each with lark's wrappers (child filters, placeholders)."""

    lark: lark.Lark
    lexer: Lexer
    trees: dict[Rule, Callback]
    methods: tuple[tuple[Rule, Callable[..., Any], tuple[Wrapper, ...]], ...]

    def callbacks(self, builder: Builder) -> dict[Rule, Callback]:
        """The rule callbacks of one parse, building with ``builder``."""
        callbacks = dict(self.trees)
        for rule, method, wrappers in self.methods:
            callback: Callback = MethodType(method, builder)
            for wrap in wrappers:
                callback = wrap(callback)
            callbacks[rule] = callback
        return callbacks


@cache
def _grammar() -> _Grammar:
    shared = lark.Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        keep_all_tokens=True,
        maybe_placeholders=True,
        postlex=_DropComments(),
        # lark keeps its analysis of the grammar (the LALR tables and the
        # lexers) in a file of the temporary directory, keyed by the grammar,
        # these options and the versions of lark and Python: building it takes
        # ~0.1 s, loading it ~0.01 s, at every start of the command line.
        cache=True,
    )
    shapes = ParseTreeBuilder(shared.rules, lark.Tree, maybe_placeholders=True)  # type: ignore[no-untyped-call]
    trees: dict[Rule, Callback] = {}
    methods = []
    for rule, wrappers in shapes.rule_builders:
        name = rule.alias or rule.options.template_source or rule.origin.name
        method = None if name.startswith("_") else getattr(Builder, name, None)
        if method is not None:
            methods.append((rule, method, tuple(wrappers)))
            continue
        tree: Callback = partial(lark.Tree, name)
        for wrap in wrappers:
            tree = wrap(tree)
        trees[rule] = tree
    return _Grammar(shared, shared.parser.lexer.lexer, trees, tuple(methods))


def parse(text: str, file: str = "<string>") -> ast.Program:
    """Parse ``text`` (reported as ``file``) into a ``Program``; on failure,
    ``AssessError`` with every syntax error the parse can resynchronise past
    (``recovery``), in order.

    Ground facts and reports are read by ``ground`` (the fast road); every
    run of other statements between them by the general parser, on that
    stretch of the text with its true lines and columns. The tree is the
    one ``parse_general`` builds, spans and comments included (tested on
    every ``.assess`` file of the repository and on random programs). Where
    a stretch fails to parse, the whole text is parsed again by the general
    parser, so that an error is reported exactly as it always was; the
    errors after it are found by the general parser too.
    """
    try:
        return _parse_once(text, file)
    except AssessError as exc:
        raise_every_error(text, exc, lambda blanked: parse_general(blanked, file))


def _parse_once(text: str, file: str) -> ast.Program:
    """``parse``, stopping at the first error."""
    collecting = gc.isenabled()
    # The tree has no reference cycles, so the cycle collector only slows the
    # parse down (by about 15 % on a 5,000-rule file: bench/parse_check.py).
    gc.disable()
    try:
        try:
            return _parse_by_roads(text, file)
        except AssessError:
            return parse_general(text, file)
    finally:
        if collecting:
            gc.enable()


def _parse_by_roads(text: str, file: str) -> ast.Program:
    statements: list[ast.Statement] = []
    comments: list[ast.Comment] = []
    held: list[ast.Comment] = []  # comments after a stretch not yet parsed
    cursor = ground.Cursor()
    stretch: tuple[int, int, int] | None = None  # its start, line, line start
    pos, end, size = 0, 0, len(text)
    statement, count = ground.statement, text.count
    while True:
        # White space (the common case: one line break), then comments, if any.
        gap = ground.blank_end(text, pos)
        if gap != pos:
            if count("\n", pos, gap):
                cursor.advance(text, pos, gap)
            pos = gap
        if text.startswith(ground.COMMENT_OPENERS, pos):
            pos = ground.gap(text, pos, file, cursor, comments if stretch is None else held)
        if pos >= size:
            break
        node = statement(text, pos, file, cursor)
        if node is None:
            if stretch is None:
                stretch = (pos, cursor.line, cursor.line_start)
            held.clear()  # inside the stretch: the general parser keeps them
            end = ground.statement_end(text, pos)
            cursor.advance(text, pos, end)
            pos = end
            continue
        if stretch is not None:
            _parse_stretch(text, file, stretch, end, statements, comments)
            comments.extend(held)
            held.clear()
            stretch = None
        statements.append(node)
        pos = cursor.line_start - 1 + node.span.end_column
    if stretch is not None:
        _parse_stretch(text, file, stretch, end, statements, comments)
        comments.extend(held)
    return ast.Program(tuple(statements), tuple(comments), file)


def _parse_stretch(
    text: str,
    file: str,
    stretch: tuple[int, int, int],
    end: int,
    statements: list[ast.Statement],
    comments: list[ast.Comment],
) -> None:
    """Parse ``text[start:end]`` with the general parser, its positions
    counted from where it stands in ``text``."""
    start, line, line_start = stretch
    counter = LineCounter("\n")  # type: ignore[no-untyped-call]
    counter.char_pos, counter.line = start, line
    counter.line_start_pos, counter.column = line_start, start - line_start + 1
    state = LexerState(TextSlice(text, start, end), counter)
    statements.extend(_run(state, file, comments))


def parse_general(text: str, file: str = "<string>") -> ast.Program:
    """Parse ``text`` with the general parser alone (``parse`` takes the
    fast road where it can and gives the same tree)."""
    comments: list[ast.Comment] = []
    collecting = gc.isenabled()
    gc.disable()
    try:
        state = LexerState(TextSlice(text, 0, len(text)))
        statements = _run(state, file, comments, text)
    finally:
        if collecting:
            gc.enable()
    return ast.Program(tuple(statements), tuple(comments), file)


def _run(
    state: LexerState, file: str, comments: list[ast.Comment], text: str | None = None
) -> list[ast.Statement]:
    """The statements lark reads from ``state``; comments go to ``comments``.
    An error is described against ``text`` (the whole text; a stretch's
    errors are not described, the caller parses the whole text again)."""
    grammar = _grammar()
    # An interactive parse has a parser state and a lexer thread of its own:
    # they get this parse's callbacks, lexer and text before the first token.
    # (lark annotates the callbacks as keyed by rule name; they are keyed by Rule.)
    run = grammar.lark.parse_interactive("")
    run.parser_state.parse_conf.callbacks = grammar.callbacks(Builder(file))  # type: ignore[assignment]
    run.lexer_thread.lexer = _CommentSieve(grammar.lexer, file, comments)
    run.lexer_thread.state = state
    try:
        statements: list[ast.Statement] = run.resume_parse()  # type: ignore[no-untyped-call]
    except lark.exceptions.UnexpectedInput as exc:
        if text is None:
            raise AssessError([]) from None
        span, message = describe(exc, text, file, grammar.lark)
        raise AssessError([error("syntax_error", span, message)]) from None
    except BadNumber as exc:
        raise AssessError([error("invalid_number", exc.span, exc.message)]) from None
    except Refused as exc:
        raise AssessError([exc.diagnostic]) from None
    except BuildError as exc:
        raise AssessError([error("syntax_error", exc.span, exc.message)]) from None
    return statements
