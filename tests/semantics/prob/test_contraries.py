"""Contraries under prob equal brute-force enumeration of worlds.

Random propositional programs in layers: probabilistic facts ``e0..e3``;
then two contested subjects ``p`` (rules over the facts) and ``q`` (rules
over the facts and ``p``/``~p``), each with labelled, weighted rules for it
and for its contrary, defeaters among them, and random superiority between
labels. In every world (a value for each fact and each rule's coin) the
oracle decides each layer in turn by the reading's definition; the exact
answer must equal the sum over worlds to 1e-12.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

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


@st.composite
def programs(draw: st.DrawFn) -> tuple[dict[str, float], list[Rule], set[tuple[str, str]]]:
    facts = {f: draw(st.sampled_from([0.2, 0.5, 0.7, 0.9])) for f in FACTS}
    rules: list[Rule] = []
    for subject, below in (("p", FACTS), ("q", (*FACTS, "p", "~p"))):
        for head in (subject, f"~{subject}"):
            for _ in range(draw(st.integers(1, 2))):
                atoms = draw(st.lists(st.sampled_from(below), min_size=1, max_size=2, unique=True))
                body = tuple((a, draw(st.booleans())) for a in atoms)
                rules.append(Rule(
                    f"r{len(rules)}", head, draw(st.sampled_from([0.4, 0.6, 1.0])),
                    body, draw(st.integers(0, 4)) == 0,
                ))
    labels = [r.label for r in rules]
    pairs = draw(st.lists(st.tuples(st.sampled_from(labels), st.sampled_from(labels)), max_size=4))
    return facts, rules, {(a, b) for a, b in pairs if a != b}


def source(facts: dict[str, float], rules: list[Rule], sup: set[tuple[str, str]]) -> str:
    lines = [f"{p}::{f}." for f, p in facts.items()]
    lines += [r.text() for r in rules]
    lines += [f"[{a}] > [{b}]." for a, b in sorted(sup)]
    lines += [f"query({x})." for x in ("p", "~p", "q", "~q")]
    return "\n".join(lines)


def decide(subject: str, true: set[str], fired: dict[str, bool], rules: list[Rule],
           sup: set[tuple[str, str]]) -> None:
    """Add ``subject`` or ``~subject`` to ``true`` if it wins in this world."""
    def firing(head: str) -> list[Rule]:
        return [r for r in rules if r.head == head and fired[r.label]
                and all((a in true) == positive for a, positive in r.body)]

    for head, other in ((subject, f"~{subject}"), (f"~{subject}", subject)):
        support = [r for r in firing(head) if not r.defeater]
        attacks = firing(other)
        if support and all(any((s.label, a.label) in sup for s in support) for a in attacks):
            true.add(head)


def brute_force(facts: dict[str, float], rules: list[Rule],
                sup: set[tuple[str, str]]) -> dict[str, float]:
    coins = [*facts, *(r.label for r in rules)]
    weight = {**facts, **{r.label: r.weight for r in rules}}
    answer = dict.fromkeys(("p", "~p", "q", "~q"), 0.0)
    for values in itertools.product((True, False), repeat=len(coins)):
        world = dict(zip(coins, values, strict=True))
        mass = 1.0
        for coin, on in world.items():
            mass *= weight[coin] if on else 1 - weight[coin]
        true = {f for f in facts if world[f]}
        decide("p", true, world, rules, sup)
        decide("q", true, world, rules, sup)
        for atom in answer:
            answer[atom] += mass if atom in true else 0.0
    return answer


@settings(max_examples=60, deadline=None, derandomize=True)
@given(programs())
def test_contraries_equal_brute_force(
    program: tuple[dict[str, float], list[Rule], set[tuple[str, str]]],
) -> None:
    facts, rules, sup = program
    text = source(facts, rules, sup)
    try:
        result = assess.load(texts={"c.assess": text}, check=False).prob()
    except AssessError as exc:
        raise AssertionError(f"{exc}\n{text}") from exc
    exact = {a.text: a.probability for a in result.answers}
    expected = brute_force(facts, rules, sup)
    for atom, p in expected.items():
        assert abs(exact.get(atom, 0.0) - p) < 1e-12, (atom, exact, expected, text)


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


def test_a_contrary_resting_on_its_subject_is_refused() -> None:
    text = "0.5::a. h :- a. ~h :- h. query(h)."
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
