"""Random small ground programs for the differential tests, as text.

Atoms ``a0``…``a5`` sit in three strata (two atoms each). A positive body
literal may name any atom of the head's stratum or below — so cycles occur —
and a negated one only an atom of a lower stratum, so every program is
stratified. Clauses are probabilistic facts, certain facts, rules (certain or
probabilistic) and annotated disjunctions; sometimes evidence is added.
The number of choices is kept small so that enumerating worlds stays cheap.
"""

from __future__ import annotations

from hypothesis import strategies as st

ATOMS = [f"a{i}" for i in range(6)]


def stratum(atom: str) -> int:
    return int(atom[1:]) // 2


def _prob(draw: st.DrawFn) -> str:
    return str(draw(st.sampled_from([0.1, 0.25, 0.3, 0.5, 0.6, 0.75, 0.9, 1.0])))


def _body(draw: st.DrawFn, head_stratum: int) -> list[str]:
    allowed = [a for a in ATOMS if stratum(a) <= head_stratum]
    lower = [a for a in ATOMS if stratum(a) < head_stratum]
    pos = draw(st.lists(st.sampled_from(allowed), min_size=1, max_size=2, unique=True))
    neg = draw(st.lists(st.sampled_from(lower), max_size=1)) if lower else []
    return pos + [f"\\+ {a}" for a in neg]


@st.composite
def clause(draw: st.DrawFn) -> tuple[str, int]:
    """One clause as text, with the number of choices it adds."""
    kind = draw(st.sampled_from(["pfact", "pfact", "fact", "rule", "prule", "prule", "ad"]))
    head = draw(st.sampled_from(ATOMS))
    if kind == "pfact":
        return f"{_prob(draw)}::{head}.", 1
    if kind == "fact":
        return f"{head}.", 0
    body = ", ".join(_body(draw, stratum(head)))
    if kind == "rule":
        return f"{head} :- {body}.", 0
    if kind == "prule":
        return f"{_prob(draw)}::{head} :- {body}.", 1
    level = [a for a in ATOMS if stratum(a) == stratum(head)]
    p = draw(st.sampled_from([(0.3, 0.5), (0.2, 0.8), (0.4, 0.35), (0.5, 0.5), (0.1, 0.6)]))
    heads = "; ".join(f"{q}::{a}" for q, a in zip(p, level, strict=True))
    return (f"{heads} :- {body}." if draw(st.booleans()) else f"{heads}."), 1


@st.composite
def program(draw: st.DrawFn, max_choices: int = 9) -> str:
    """A whole program: clauses, then queries of every atom, maybe evidence."""
    lines: list[str] = []
    choices = 0
    for _ in range(draw(st.integers(2, 10))):
        text, n = draw(clause())
        if choices + n > max_choices:
            break
        lines.append(text)
        choices += n
    for atom in draw(st.lists(st.sampled_from(ATOMS), max_size=2, unique=True)):
        lines.append(f"evidence({atom}, {draw(st.sampled_from(['true', 'false']))}).")
    lines.extend(f"query({a})." for a in ATOMS)
    return "\n".join(lines)


def problog_text(text: str) -> str:
    """The same program for ProbLog, which refuses to call undefined atoms."""
    return text + "\n" + "\n".join(f"{a} :- fail." for a in ATOMS)
