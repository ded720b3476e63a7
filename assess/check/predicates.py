"""``undefined_predicate`` and ``arity_mismatch``: every used predicate is defined.

A predicate used in a rule body (negated or not), a query, an evidence atom,
an expectation or a ``conflict`` declaration must be *defined* somewhere in
the invocation: by a rule or fact head, a report, or an ``indicator`` or
``hypothesis`` declaration (see ``walk``). ``true/0``, ``fail/0``,
``false/0``, ``between/3``, ``succ/2`` and ``plus/3`` are built in and the
list library (``walk.LIBRARY``: ``member/2``, ``append/3``, ``length/2``,
``findall/3``) is provided; a ProbLog built-in or library predicate the
language does not provide (``var/1``, ``write/1``, …:
``walk.UNSUPPORTED_BUILTINS``), used and
not defined by the program, is an ``unsupported_builtin`` instead. Under
``:- unknown(fail).`` (ProbLog's directive) an undefined predicate fails, so
neither an undefined name nor another arity is reported.

Prolog lets ``p/1`` and ``p/2`` be unrelated predicates, and so does assess:
defining both is legal. What a Datalog user means by ``p(a)`` when only
``p/2`` exists is a typo, so a use whose name is defined only at *other*
arities is an ``arity_mismatch`` (naming the arities that exist), not an
``undefined_predicate``; each use gets exactly one of the two. Likewise a
report, fact or rule head of a name *declared* as an indicator or hypothesis,
at an arity that no declaration gives it, is an ``arity_mismatch``.

Example: with ``edge(a, b).`` defined, ``path(X) :- edge(X).`` is an
``arity_mismatch`` (edge/1 vs edge/2) and ``p :- nodes(X).`` an
``undefined_predicate``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence, Set

from assess.check.suggest import Suggester
from assess.check.walk import (
    UNSUPPORTED_BUILTINS,
    all_items,
    declared_signatures,
    defined_signatures,
    defining_atoms,
    describe,
    used_atoms,
)
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast


def _arities(signatures: Set[tuple[str, int]]) -> dict[str, list[int]]:
    by_name: dict[str, list[int]] = defaultdict(list)
    for name, arity in signatures:
        by_name[name].append(arity)
    return {name: sorted(arities) for name, arities in by_name.items()}


def _listed(name: str, arities: list[int]) -> str:
    return ", ".join(describe((name, arity)) for arity in arities)


def unknown_fails(programs: Sequence[ast.Program]) -> bool:
    """Whether a file says ``:- unknown(fail).`` (undefined predicates fail)."""
    return any(isinstance(s, ast.Unknown) and s.action == "fail"
               for p in programs for s in p.statements)


def check_undefined_predicate(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Uses of a name that no file defines at any arity (none under
    ``:- unknown(fail).``, except ProbLog built-ins not provided)."""
    fails = unknown_fails(programs)
    defined = defined_signatures(programs)
    names = {name for name, _ in defined}
    suggester = Suggester(names)
    findings = []
    for atom, where in used_atoms(programs):
        if atom.signature in UNSUPPORTED_BUILTINS and atom.signature not in defined:
            findings.append(error(
                "unsupported_builtin", atom.span,
                f"{describe(atom.signature)}, used {where}, is a ProbLog built-in or library "
                "predicate that assess does not provide",
            ))
        elif atom.predicate not in names and not fails:
            findings.append(
                error(
                    "undefined_predicate",
                    atom.span,
                    f"{describe(atom.signature)} is used {where} but never defined: "
                    "no fact, rule or report concludes it and no indicator or "
                    f"hypothesis declares it{suggester.hint(atom.predicate)}",
                )
            )
    for item in all_items(programs):
        if isinstance(item, ast.ConflictDecl):
            findings.extend(
                error(
                    "undefined_predicate",
                    item.span,
                    f"conflict names {name}, which nothing defines{suggester.hint(name)}",
                )
                for name in (item.first, item.second)
                if name not in names
            )
    return findings


def check_arity_mismatch(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Uses at an undefined arity of a defined name; definitions off their declaration."""
    defined = defined_signatures(programs)
    arities = _arities(defined)
    findings = []
    fails = unknown_fails(programs)
    for atom, where in used_atoms(programs):
        if atom.signature in UNSUPPORTED_BUILTINS:
            continue  # check_undefined_predicate: unsupported_builtin
        if atom.signature not in defined and atom.predicate in arities and not fails:
            known = _listed(atom.predicate, arities[atom.predicate])
            findings.append(
                error(
                    "arity_mismatch",
                    atom.span,
                    f"{describe(atom.signature)} is used {where} but only {known} is defined",
                )
            )
    declared = _arities({signature for signature, _ in declared_signatures(programs)})
    for atom in defining_atoms(programs):
        name = atom.predicate
        if name in declared and len(atom.args) not in declared[name]:
            findings.append(
                error(
                    "arity_mismatch",
                    atom.span,
                    f"{describe(atom.signature)} does not match its declaration as "
                    f"{_listed(name, declared[name])}",
                )
            )
    return findings
