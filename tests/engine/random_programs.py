"""Hypothesis strategy: random safe, stratified Datalog programs as text.

Extensional predicates ``e0/2, e1/1`` hold random facts over the integers
0..3; intensional predicates ``p0..p3`` (arity 1 or 2) each get a level, and a
rule for ``pK`` reads positive literals of any level up to its own (so
recursion, also mutual and non-linear, happens) and negated literals only of
strictly lower levels (so the program is stratified). Literals repeat
variables and hold constants; comparisons (``<``, ``\\=``, ``=<``) test bound
variables; a negated literal may carry a variable of its own (projected).
"""

from __future__ import annotations

from hypothesis import strategies as st

EDB = {"e0": 2, "e1": 1}
IDB = {"p0": 2, "p1": 1, "p2": 2, "p3": 1}
LEVEL = {"e0": -1, "e1": -1, "p0": 0, "p1": 0, "p2": 1, "p3": 2}
VARS = ["X", "Y", "Z", "W"]


@st.composite
def _args(draw: st.DrawFn, arity: int, constants: bool) -> list[str]:
    return [
        str(draw(st.integers(0, 3)))
        if constants and draw(st.integers(0, 7)) == 0
        else draw(st.sampled_from(VARS))
        for _ in range(arity)
    ]


def _atom(name: str, args: list[str]) -> str:
    return f"{name}({', '.join(args)})"


@st.composite
def _rule(draw: st.DrawFn, head: str) -> str:
    level = LEVEL[head]
    readable = [p for p in {**EDB, **IDB} if LEVEL[p] <= level]
    lower = [p for p in {**EDB, **IDB} if LEVEL[p] < level]
    arities = {**EDB, **IDB}
    body: list[str] = []
    bound: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        pred = draw(st.sampled_from(readable))
        args = draw(_args(arities[pred], constants=True))
        body.append(_atom(pred, args))
        bound += [a for a in args if a in VARS]
    if not bound:
        pred = draw(st.sampled_from(list(EDB)))
        args = draw(_args(arities[pred], constants=False))
        body.append(_atom(pred, args))
        bound += args
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.integers(0, 3))
        if kind == 0 and lower:
            pred = draw(st.sampled_from(lower))
            args = [draw(st.sampled_from([*bound, "_"])) for _ in range(arities[pred])]
            body.append(f"\\+ {_atom(pred, args)}")
        elif kind == 1:
            body.append(f"{draw(st.sampled_from(bound))} < {draw(st.sampled_from(bound))}")
        elif kind == 2:
            body.append(f"{draw(st.sampled_from(bound))} \\= {draw(st.integers(0, 4))}")
        else:
            body.append(f"{draw(st.sampled_from(bound))} =< {draw(st.integers(0, 4))}")
    head_args = [draw(st.sampled_from(bound)) for _ in range(IDB[head])]
    return f"{_atom(head, head_args)} :- {', '.join(body)}."


@st.composite
def programs(draw: st.DrawFn) -> str:
    """The text of one random program."""
    lines = []
    for pred, arity in EDB.items():
        rows = draw(st.sets(st.tuples(*[st.integers(0, 3)] * arity), min_size=3, max_size=10))
        lines += [f"{pred}({', '.join(map(str, row))})." for row in sorted(rows)]
    for head in IDB:
        lines += [draw(_rule(head)) for _ in range(draw(st.integers(1, 2)))]
    return "\n".join(lines)
