"""``non_diagnostic_indicator`` (a warning): an indicator that cannot discriminate.

In analysis of competing hypotheses an indicator is *diagnostic* when it
bears differently on the members of a competing set. Its **profile** on a
hypothesis is the strongest route by which it can support it and the
strongest by which it can count against it (``assess.check.influence``), for
reports of the indicator and of its contrary. An indicator whose profile is
the same on every member of a set tells them apart no better than a coin:

* it feeds every member with the same weight, or
* it feeds no member at all,

in *every* competing set — an indicator that discriminates within one set
is doing its job there, even if it bears equally on another (evidence that
an offensive is coming rarely says from where). One finding per such
indicator, naming the sets it bears on equally.

In an exclusive set the profile is what bears on each member itself, not
through its rivals (through them, everything that bears on one member
bears on all), and an indicator the members produce (the generative
reading: ``0.7::crossings :- offensive.``) bears on each with the
likelihood its rules give: equal likelihoods under every member, as in
ACH, tell them apart no better than a coin.

Indicators that no rule reads are ``unused_indicator`` instead.

Example: ``competing s: a, b.`` with ``[x] 0.6::a :- troops.`` and
``[y] 0.6::b :- troops.`` is one finding at ``indicator troops …``.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.check.influence import InfluenceGraph, build, indicator_node, influence
from assess.check.walk import body_atoms, rules
from assess.diagnostics import Diagnostic, warning
from assess.syntax import ast

Profile = tuple[tuple[float, float], tuple[float, float]]


def _profiles(graph: InfluenceGraph, members: Sequence[str]) -> dict[str, dict[str, Profile]]:
    """Indicator name -> member -> its profile on that member."""
    found: dict[str, dict[str, Profile]] = {}
    for member in members:
        bearing = influence(graph, graph.hypothesis_node(member), rivals=False)
        for name, decl in graph.indicators.items():
            plain = indicator_node(decl)
            contrary = (plain[0], plain[1], True)
            found.setdefault(name, {})[member] = (
                _rounded(bearing.get(plain, (0.0, 0.0))),
                _rounded(bearing.get(contrary, (0.0, 0.0))),
            )
    return found


def _rounded(pair: tuple[float, float]) -> tuple[float, float]:
    return (round(pair[0], 9), round(pair[1], 9))


_NONE: Profile = ((0.0, 0.0), (0.0, 0.0))


def _strength(profile: Profile) -> str:
    (support, against), _ = profile
    parts = [f"supports with weight {support:g}"] if support else []
    parts += [f"counts against with weight {against:g}"] if against else []
    return " and ".join(parts) or "bears on it only through its contrary"


def check_non_diagnostic_indicator(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Indicators that discriminate within no competing set."""
    graph = build(programs)
    sets = [c for c in graph.competing if len(c.members) >= 2]
    if not sets:
        return []
    read = {atom.predicate for rule in rules(programs) for atom, _ in body_atoms(rule.body)}
    read |= {node[0] for node in graph.produced}
    touched: dict[str, list[tuple[str, Profile]]] = {}
    diagnostic: set[str] = set()
    for competing in sets:
        profiles = _profiles(graph, competing.members)
        for name in graph.indicators:
            distinct = set(profiles[name].values())
            if len(distinct) > 1:
                diagnostic.add(name)
            elif distinct != {_NONE}:
                touched.setdefault(name, []).append((competing.name, distinct.pop()))
    return [
        warning("non_diagnostic_indicator", decl.span, _message(name, touched.get(name, [])))
        for name, decl in graph.indicators.items()
        if name in read and name not in diagnostic
    ]


def _message(name: str, touched: list[tuple[str, Profile]]) -> str:
    if not touched:
        return (
            f"indicator {name} feeds no hypothesis of any competing set, so it cannot "
            f"tell any of them apart"
        )
    sets = "; ".join(f"{set_name} (each: {_strength(profile)})" for set_name, profile in touched)
    return (
        f"indicator {name} bears equally on every hypothesis of {sets}, so it cannot tell "
        f"them apart: link it to the hypotheses it distinguishes"
    )
