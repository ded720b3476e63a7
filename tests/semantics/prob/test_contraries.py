"""Contraries under prob equal brute-force enumeration of worlds.

Random propositional programs in layers: probabilistic facts ``e0..e3``;
then two contested subjects ``p`` (rules over the facts) and ``q`` (rules
over the facts and ``p``/``~p``), each with labelled, weighted rules for it
and for its contrary, defeaters among them, and random superiority between
labels; sometimes a third subject ``s`` over the facts, declared
``conflict p, s.`` (with or without rules for ``~s``). In every world (a
value for each fact and each rule's coin) the oracle decides each layer in
turn by the reading's definition; P(atom), and P(contested) for every
queried atom, must equal the sums over worlds to 1e-12.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import assess
from assess.diagnostics import AssessError

FACTS = ("e0", "e1", "e2", "e3")


@dataclass(frozen=True)
class Rule:
    label: str
    head: str  # "p", "~p", "q", "~q"
    weight: float
    body: tuple[tuple[str, bool], ...]  # (atom, positive)
    defeater: bool

    def text(self) -> str:
        neck = "<~" if self.defeater else ":-"
        body = ", ".join(a if positive else f"\\+ {a}" for a, positive in self.body)
        return f"[{self.label}] {self.weight}::{self.head} {neck} {body}."


Program = tuple[dict[str, float], list[Rule], set[tuple[str, str]], bool]
"""Facts, rules, superiority, and whether ``conflict p, s.`` is declared."""


def _rules(draw: st.DrawFn, rules: list[Rule], head: str, below: tuple[str, ...],
           count: tuple[int, int]) -> None:
    for _ in range(draw(st.integers(*count))):
        atoms = draw(st.lists(st.sampled_from(below), min_size=1, max_size=2, unique=True))
        body = tuple((a, draw(st.booleans())) for a in atoms)
        rules.append(Rule(
            f"r{len(rules)}", head, draw(st.sampled_from([0.4, 0.6, 1.0])),
            body, draw(st.integers(0, 4)) == 0,
        ))


@st.composite
def programs(draw: st.DrawFn) -> Program:
    facts = {f: draw(st.sampled_from([0.2, 0.5, 0.7, 0.9])) for f in FACTS}
    rules: list[Rule] = []
    for subject, below in (("p", FACTS), ("q", (*FACTS, "p", "~p"))):
        for head in (subject, f"~{subject}"):
            _rules(draw, rules, head, below, (1, 2))
    declared = draw(st.booleans())
    if declared:
        _rules(draw, rules, "s", FACTS, (1, 2))
        _rules(draw, rules, "~s", FACTS, (0, 1))
    labels = [r.label for r in rules]
    pairs = draw(st.lists(st.tuples(st.sampled_from(labels), st.sampled_from(labels)), max_size=5))
    return facts, rules, {(a, b) for a, b in pairs if a != b}, declared


def heads(rules: list[Rule]) -> list[str]:
    return sorted({r.head for r in rules} | {"p", "~p", "q", "~q"})


def conflicts(declared: bool) -> dict[str, set[str]]:
    """What each literal contradicts: its contrary, and ``p``/``s`` if declared."""
    literals = ("p", "~p", "q", "~q", "s", "~s")
    table = {x: {x[1:] if x.startswith("~") else f"~{x}"} for x in literals}
    if declared:
        table["p"].add("s")
        table["s"].add("p")
    return table


def source(program: Program) -> str:
    facts, rules, sup, declared = program
    lines = [f"{p}::{f}." for f, p in facts.items()]
    lines += [r.text() for r in rules]
    lines += [f"[{a}] > [{b}]." for a, b in sorted(sup)]
    lines += ["conflict p, s."] if declared else []
    lines += [f"query({x})." for x in heads(rules)]
    return "\n".join(lines)


def decide(layer: tuple[str, ...], true: set[str], fired: dict[str, bool], program: Program,
           contested: dict[str, bool]) -> None:
    """Add the literals of ``layer`` that win in this world to ``true``, and
    say of each whether it is contested."""
    _, rules, sup, declared = program
    table = conflicts(declared)

    def firing(head: str) -> list[Rule]:
        return [r for r in rules if r.head == head and fired[r.label]
                and all((a in true) == positive for a, positive in r.body)]

    support = {x: [r for r in firing(x) if not r.defeater] for x in layer}
    attacks = {x: [a for o in table[x] for a in firing(o)] for x in layer}
    won = {x for x in layer if support[x] and all(
        any((s.label, a.label) in sup for s in support[x]) for a in attacks[x])}
    for x in layer:
        settled = x in won or any(o in won for o in table[x])
        contested[x] = bool(support[x] and attacks[x]) and not settled
    true |= won


def brute_force(program: Program) -> dict[str, tuple[float, float]]:
    """Each queried literal's (P(it holds), P(it is contested))."""
    facts, rules, _, _ = program
    weight = {**facts, **{r.label: r.weight for r in rules}}
    coins = [c for c, w in weight.items() if w < 1.0]
    answer = {x: [0.0, 0.0] for x in heads(rules)}
    for values in itertools.product((True, False), repeat=len(coins)):
        world = dict.fromkeys(weight, True) | dict(zip(coins, values, strict=True))
        mass = 1.0
        for coin in coins:
            mass *= weight[coin] if world[coin] else 1 - weight[coin]
        true = {f for f in facts if world[f]}
        contested: dict[str, bool] = {}
        decide(("p", "~p", "s", "~s"), true, world, program, contested)
        decide(("q", "~q"), true, world, program, contested)
        for atom, sums in answer.items():
            sums[0] += mass if atom in true else 0.0
            sums[1] += mass if contested[atom] else 0.0
    return {x: (p, c) for x, (p, c) in answer.items()}


@settings(max_examples=80, deadline=None, derandomize=True)
@given(programs())
def test_contraries_equal_brute_force(program: Program) -> None:
    text = source(program)
    try:
        result = assess.load(texts={"c.assess": text}, check=False).prob()
    except AssessError as exc:
        raise AssertionError(f"{exc}\n{text}") from exc
    exact = {a.text: a for a in result.answers}
    for atom, (p, contested) in brute_force(program).items():
        answer = exact[atom]
        assert abs(answer.probability - p) < 1e-12, (atom, answer, p, text)
        assert answer.contested is not None, (atom, text)
        assert abs(answer.contested - contested) < 1e-12, (atom, answer, contested, text)



def test_the_penguin_with_and_without_superiority() -> None:
    base = "0.8::bird. 0.3::penguin. [fly] fly :- bird. [no_fly] ~fly :- penguin."
    queries = " query(fly). query(~fly)."
    plain = assess.load(texts={"a.assess": base + queries}, check=False).prob()
    ranked = assess.load(texts={"b.assess": base + " [no_fly] > [fly]." + queries},
                         check=False).prob()
    # Without superiority each side blocks the other: fly needs bird and no penguin.
    assert [round(a.probability, 12) for a in plain.answers] == [0.56, 0.06]
    # The penguin argument wins: ~fly whenever penguin; fly only without it.
    assert [round(a.probability, 12) for a in ranked.answers] == [0.56, 0.3]


def test_a_defeater_blocks_but_never_supports() -> None:
    text = "0.8::bird. 0.3::injured. fly :- bird. ~fly <~ injured. query(fly). query(~fly)."
    answers = assess.load(texts={"d.assess": text}, check=False).prob().answers
    assert [round(a.probability, 12) for a in answers] == [0.56, 0.0]


@pytest.mark.parametrize(
    "text",
    [
        "0.5::a. h :- a. ~h :- h. query(h).",
        # Crosswise: each attack rests on the other's subject.
        "0.5::a. 0.5::b. p :- a. s :- b. ~p :- s. ~s :- p. query(p).",
    ],
)
def test_a_contrary_resting_on_its_subject_is_refused(text: str) -> None:
    try:
        assess.load(texts={"e.assess": text}, check=False).prob()
    except AssessError as exc:
        assert exc.diagnostics[0].code == "contrary_cycle"
    else:
        raise AssertionError("a contrary that rests on its subject must be refused")


def test_without_contraries_the_reading_is_problogs() -> None:
    text = "0.3::a. 0.6::b. c :- a. c :- b. query(c)."
    (answer,) = assess.load(texts={"f.assess": text}, check=False).prob().answers
    assert abs(answer.probability - 0.72) < 1e-12
