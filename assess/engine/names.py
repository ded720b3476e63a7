"""The names a program knows, and the errors for the ones it does not.

A name typed on the command line (an atom for ``why``, a predicate for
``--all``, a pattern for ``formula``) that the program never mentions is a
misspelling, not a question with the answer "0 %": ``UnknownName`` (exit 1)
with the closest known name. A predicate is known when a fact, rule,
report, query or evidence mentions it, or an ``indicator`` or
``hypothesis`` declares it (an unreported indicator is known: its
probability really is 0).

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> ir = lower([parse("edge(a, b). path(X, Y) :- edge(X, Y).")])
    >>> [str(p) for p in resolve_predicates(ir, "path")]
    ['path/2']
    >>> known_atom(ir, "paht(a, b)")
    Traceback (most recent call last):
    ...
    assess.diagnostics.UnknownName: paht/2 occurs nowhere in the program; did you mean path?
"""

from __future__ import annotations

from assess.check.suggest import unknown_name
from assess.diagnostics import COMMAND_LINE, AssessError, error
from assess.engine.ir import GroundAtom, IRAtom, IRProgram, Pred
from assess.engine.lower import parse_atom, pattern
from assess.syntax import ast
from assess.syntax.parser import parse


def known_predicates(ir: IRProgram) -> set[Pred]:
    """Every predicate the program mentions or declares (indicators and
    hypotheses with their arities, contraries included)."""
    known = set(ir.predicates())
    known.update(Pred(d.name, len(d.params)) for d in ir.indicators.values())
    known.update(Pred(d.name, len(d.params)) for d in ir.hypotheses.values())
    return known


def pred_text(pred: Pred) -> str:
    """``name/arity``, with ``~`` for a contrary."""
    return f"{'~' if pred.contrary else ''}{pred.name}/{pred.arity}"


def _known(ir: IRProgram, pred: Pred) -> None:
    known = known_predicates(ir)
    if pred not in known:
        raise unknown_name("undefined_predicate", f"{pred_text(pred)} occurs nowhere in the "
                           "program", pred.name, (p.name for p in known))


def known_atom(ir: IRProgram, text: str) -> GroundAtom:
    """The ground atom ``text`` names, if the program knows its predicate."""
    found = parse_atom(text)
    _known(ir, found[0])
    return found


def known_pattern(ir: IRProgram, text: str) -> tuple[ast.Atom, IRAtom]:
    """The atom ``text`` writes (variables allowed: ``path(a, X)``), as
    written and lowered, if the program knows its predicate."""
    try:
        statements = parse(f"query({text}).", "<command line>").statements
    except AssessError:
        statements = ()
    if len(statements) != 1 or not isinstance(statements[0], ast.Query):
        raise AssessError([error(
            "bad_atom", COMMAND_LINE, f"{text!r} is not an atom such as path(a, X)",
        )])
    written = statements[0].atom
    lowered = pattern(written)
    _known(ir, lowered.pred)
    return written, lowered


def resolve_predicates(program: IRProgram, spec: str) -> list[Pred]:
    """Every predicate of ``program`` that ``spec`` names (``path``,
    ``path/2``, ``~fly/1``); ``UnknownName`` if none."""
    contrary = spec.startswith("~")
    name, _, arity = spec.removeprefix("~").partition("/")
    found = sorted(
        p for p in program.predicates()
        if p.name == name and p.contrary == contrary and (not arity or str(p.arity) == arity)
    )
    if not found:
        raise unknown_name("undefined_predicate", f"no predicate {spec} occurs in the program",
                           name, [p.name for p in program.predicates()])
    return found
