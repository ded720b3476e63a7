"""``what-if`` and ``sensitivity`` answers as text.

``what-if``: one row per hypothesis or query — before, after, the change in
percentage points, and the ICD 203 terms, marked ``*`` where the term moves;
a member of a set ``given c`` reads P(h | c), as ``run`` does, and a second
line says the condition, P(c) and P(h) overall (``—`` in place of P(h | c)
where c has probability 0).

``sensitivity``: the levers strongest first — kind, name, current value,
the exact derivative, and the value at which the result would reach the
edge of the next term up and down (``cannot cross`` when no value in 0..1
reaches it); a source's crossing is a reliability grade. For a member of
a set ``given c`` the head says it is P(h | c), with P(c) and P(h)
overall; where c cannot hold, that there is no judgement to move.

Example::

    h  40 % -> 31 %  -8.8 points  unlikely -> unlikely
    m  51 % -> 40 %  -11.0 points  roughly even chance -> unlikely
       if c holds (22 % -> 20 %); overall 11 % -> 8 %
"""

from __future__ import annotations

from assess.explain.sensitivity import Lever, SensitivityResult
from assess.explain.whatif import Given, WhatIfResult
from assess.render.why import headline, pct, points


def whatif_text(result: WhatIfResult) -> str:
    width = max((len(r.atom) for r in result.rows), default=0)
    out = []
    for r in result.rows:
        mark = "*" if r.term_changed else " "
        same = r.term_before == r.term_after
        terms = r.term_before if same else f"{r.term_before} -> {r.term_after}"
        delta = UNDEFINED if r.delta is None else points(r.delta)
        out.append(f"{mark} {r.atom.ljust(width)}  {_shown(r.before):>6} -> "
                   f"{_shown(r.after):>6}  {delta:>14}  {terms}")
        if r.given is not None:
            out.append(f"  {' ' * width}  {given_text(r.given)}")
    note = ("re-grounded with the assumed reports" if result.regrounded else
            "recompiled with the assumed reports" if result.recompiled else
            "re-evaluated the compiled model")
    out += ["", f"(* the ICD 203 term changes; {note})"]
    return "\n".join(out)


UNDEFINED = "\u2014"
"""In place of P(h | c) where c has probability 0."""


def _shown(p: float | None) -> str:
    return UNDEFINED if p is None else pct(p)


def given_text(g: Given) -> str:
    """``if renewed_offensive holds (22 % -> 20 %); overall 11 % -> 8 %``."""
    return (f"if {g.condition} holds ({pct(g.condition_before)} -> {pct(g.condition_after)}); "
            f"overall {pct(g.overall_before)} -> {pct(g.overall_after)}")


def _value(lever: Lever) -> str:
    return lever.value if isinstance(lever.value, str) else f"{lever.value:.3g}"


def _crossing(value: float | str | None) -> str:
    if value is None:
        return "cannot cross"
    return f"at grade {value}" if isinstance(value, str) else f"at {value:.4f}"


def sensitivity_text(result: SensitivityResult) -> str:
    out = [_sensitivity_head(result)]
    if result.probability is None and result.given is not None:
        c = result.given.condition
        out.append(f"There is no judgement to move: P({result.atom} | {c}) is undefined "
                   f"while {c} cannot hold.")
        return "\n".join(out)
    if result.term_up is not None:
        out.append(f"  up: {result.term_up} beyond {pct(result.edge_up)}")
    if result.term_down is not None:
        out.append(f"  down: {result.term_down} beyond {pct(result.edge_down)}")
    if not result.levers:
        out.append("Nothing moves it: no report, weight or grade is in its lineage.")
        return "\n".join(out)
    moved = ("the probability" if result.given is None else
             f"P({result.atom} | {result.given.condition}), by the quotient rule")
    out += ["", f"Inputs ranked by how much they move it (derivative of {moved}; "
                "a source's is per unit of its reliability's probability):"]
    width = max(len(lv.name) for lv in result.levers)
    for lv in result.levers:
        out.append(f"  {lv.kind:<6} {lv.name.ljust(width)}  now {_value(lv):>5}  "
                   f"d/dx {lv.derivative:+.4f}  up {_crossing(lv.up)}, "
                   f"down {_crossing(lv.down)}  ({lv.detail})")
    return "\n".join(out)


def _sensitivity_head(result: SensitivityResult) -> str:
    """``h: likely (63 %)``; for a member read given c,
    ``P(north | attack): unlikely (44 %), as run reads it; attack 40 %, north 18 % overall``."""
    g = result.given
    if g is None:
        return headline(result.atom, result.term, result.probability or 0.0)
    number = "" if result.probability is None else f" ({pct(result.probability)})"
    return (f"P({result.atom} | {g.condition}): {result.term}{number}, as run reads it; "
            f"{g.condition} {pct(g.condition_probability)}, {result.atom} {pct(g.overall)} "
            "overall")
