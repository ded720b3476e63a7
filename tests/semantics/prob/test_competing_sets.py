"""Exclusive competing sets under prob: exactly one member in every world.

Random propositional programs in both readings:

* **diagnostic**: probabilistic facts ``e0..e2`` as indicators; labelled,
  weighted rules from them to the members ``m0..m2`` (and sometimes to
  ``~m0``), random superiority between labels, sometimes ``conflict m0,
  m1.``; a residual ``otherwise r`` or, without one, a certain rule for
  ``m2`` so that the set is exhaustive; sometimes a condition ``given c``.
  The oracle enumerates every world of the coins and decides the set by
  the definition (``semantics.prob.competing``);
* **generative**: an annotated disjunction over the members (summing to 1,
  or less with a residual), rules from members to indicators ``x0, x1`` and
  evidence on them. Its oracle is the same program in plain ProbLog (the
  residual as ``r :- \\+ m0, \\+ m1, \\+ m2.``), by ``ground.enumerate_worlds``
  and by the ``problog`` package.

Σ P(member | condition) = 1 to 1e-9; every member equals the oracle to 1e-12
(ProbLog to 1e-9).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from problog import get_evaluatable
from problog.program import PrologString

import assess
from assess.diagnostics import AssessError
from assess.semantics.prob import competing
from tests.semantics.prob.ground import enumerate_worlds, lower_ground

MEMBERS = ("m0", "m1", "m2")
FACTS = ("e0", "e1", "e2")


@dataclass(frozen=True)
class Rule:
    label: str
    head: str
    weight: float
    body: tuple[tuple[str, bool], ...]

    def text(self) -> str:
        body = ", ".join(a if positive else f"\\+ {a}" for a, positive in self.body)
        weight = "" if self.weight == 1.0 else f"{self.weight}::"
        return f"[{self.label}] {weight}{self.head}" + (f" :- {body}." if body else ".")


@dataclass(frozen=True)
class Diagnostic:
    facts: dict[str, float]
    rules: tuple[Rule, ...]
    superior: frozenset[tuple[str, str]]
    residual: bool
    conflict: bool
    condition: float | None

    def members(self) -> tuple[str, ...]:
        return (*MEMBERS, "r") if self.residual else MEMBERS

    def text(self) -> str:
        lines = [f'hypothesis {m} "{m}".' for m in self.members()]
        lines += [f"{p}::{f}." for f, p in self.facts.items()]
        lines += [r.text() for r in self.rules]
        lines += [f"[{a}] > [{b}]." for a, b in sorted(self.superior)]
        lines += ["conflict m0, m1."] if self.conflict else []
        given_ = ""
        if self.condition is not None:
            lines.append(f"{self.condition}::c.")
            given_ = " given c"
        members = ", ".join(MEMBERS) + (", otherwise r" if self.residual else "")
        lines.append(f"competing s exclusive{given_}: {members}.")
        return "\n".join(lines)


@st.composite
def diagnostic_programs(draw: st.DrawFn) -> Diagnostic:
    facts = {f: draw(st.sampled_from([0.2, 0.5, 0.7])) for f in FACTS}
    rules: list[Rule] = []
    heads = [m for m in MEMBERS for _ in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):
        heads.append("~m0")
    for head in heads:
        atoms = draw(st.lists(st.sampled_from(FACTS), min_size=1, max_size=2, unique=True))
        body = tuple((a, draw(st.booleans())) for a in atoms)
        weight = draw(st.sampled_from([0.4, 0.6, 1.0]))
        rules.append(Rule(f"r{len(rules)}", head, weight, body))
    residual = draw(st.booleans())
    if not residual:
        rules.append(Rule("base", "m2", 1.0, ()))
    labels = [r.label for r in rules]
    pairs = draw(st.lists(st.tuples(st.sampled_from(labels), st.sampled_from(labels)),
                          max_size=4))
    condition = draw(st.none() | st.sampled_from([0.3, 0.8]))
    conflict = residual and draw(st.booleans())
    return Diagnostic(facts, tuple(rules), frozenset((a, b) for a, b in pairs if a != b),
                      residual, conflict, condition)


def _winner(program: Diagnostic, world: dict[str, bool]) -> str | None:
    """The member that holds in ``world`` (a value for every fact and rule coin)."""
    sup = program.superior

    def firing(head: str) -> list[Rule]:
        return [r for r in program.rules if r.head == head and world[r.label]
                and all(world[a] == positive for a, positive in r.body)]

    def opponents(x: str) -> list[str]:
        found = [f"~{x}"]
        if program.conflict and x in ("m0", "m1"):
            found.append("m1" if x == "m0" else "m0")
        return found

    support = {x: firing(x) for x in program.members()}
    pre = {x: bool(support[x]) and all(
        any((s.label, a.label) in sup for s in support[x])
        for o in opponents(x) for a in firing(o)) for x in program.members()}
    contenders = [x for x in program.members() if pre[x]]

    def defeats(x: str, y: str) -> bool:
        return bool(support[y]) and all(
            any((s.label, d.label) in sup for s in support[x]) for d in support[y])

    free = [y for y in contenders if not any(defeats(x, y) for x in contenders if x != y)]
    winner = (free or contenders or [None])[0]
    if winner is None and program.residual:
        winner = "r"
    return winner


def brute_force(program: Diagnostic) -> dict[str, float]:
    """P(member) for each member, summing over every world."""
    weight = {**program.facts, **{r.label: r.weight for r in program.rules}}
    if program.condition is not None:
        weight["c"] = program.condition
    coins = [c for c, w in weight.items() if w < 1.0]
    found = dict.fromkeys(program.members(), 0.0)
    for values in itertools.product((True, False), repeat=len(coins)):
        world = dict.fromkeys(weight, True) | dict(zip(coins, values, strict=True))
        mass = 1.0
        for coin in coins:
            mass *= weight[coin] if world[coin] else 1 - weight[coin]
        winner = _winner(program, world)
        if winner is not None and (program.condition is None or world["c"]):
            found[winner] += mass
    return found


def _assessment(text: str) -> assess.Assessment:
    try:
        return assess.load(texts={"s.assess": text}, check=False)
    except AssessError as exc:
        raise AssertionError(f"{exc}\n{text}") from exc


@settings(max_examples=60, deadline=None, derandomize=True)
@given(diagnostic_programs())
def test_diagnostic_sets_sum_to_one_and_equal_brute_force(program: Diagnostic) -> None:
    text = program.text()
    assessment = _assessment(text)
    try:
        compiled = assessment.compile()
    except AssessError as exc:
        raise AssertionError(f"{exc}\n{text}") from exc
    got = compiled.question_probabilities()
    expected = brute_force(program)
    for member, p in expected.items():
        (answer,) = [v for g, v in got.items() if g[0].name == member]
        assert abs(answer - p) < 1e-12, (member, answer, p, text)
    (readout,) = compiled.set_readouts()
    assert abs(sum(readout.members) - 1.0) < 1e-9, (readout, text)
    assert readout.overlap < 1e-12 and readout.none < 1e-9, (readout, text)
    if program.condition is not None:
        assert abs(readout.condition - program.condition) < 1e-12
        for given_c, p in zip(readout.members, expected.values(), strict=True):
            assert abs(given_c - p / program.condition) < 1e-12, text


@settings(max_examples=40, deadline=None, derandomize=True)
@given(diagnostic_programs())
def test_a_deciding_set_reads_as_if_its_overlap_and_gap_were_built(program: Diagnostic) -> None:
    """``set_formulas`` takes "more than one" (and "none", with a residual)
    of a set that decides its members as FALSE without building them: the
    readouts equal those with both built from the members' diagrams."""
    assessment = _assessment(program.text())
    (skipped,) = assessment.compile().set_readouts()
    decides = competing.decides
    try:
        competing.decides = lambda s, sets: False  # type: ignore[assignment]
        (built,) = assessment.compile().set_readouts()
    finally:
        competing.decides = decides
    assert skipped.members == built.members and skipped.condition == built.condition
    assert skipped.overlap == 0.0 and abs(built.overlap) < 1e-12, program.text()
    assert abs(skipped.none - built.none) < 1e-12, program.text()


def test_a_member_of_two_exclusive_sets_is_decided_by_the_later() -> None:
    """The earlier set does not decide that member, so its overlap is
    built: here the later set lets a and b hold together."""
    text = (
        'hypothesis a "A". hypothesis b "B". hypothesis c "C". hypothesis r "R".\n'
        "0.6::a. 0.5::b. 0.5::c.\n"
        "competing first exclusive: a, b, otherwise r.\n"
        "competing second exclusive: c, a, otherwise r.\n"
    )
    compiled = _assessment(text).compile()
    first, second = compiled.sets
    assert not competing.decides(first, compiled.sets)
    assert competing.decides(second, compiled.sets)
    readout = compiled.set_readouts()[0]
    # a and r are decided by the second set: r holds when neither c nor a
    # does; b by the first, when a (its own verdict) does not. So b and r
    # hold together when a, c fail and b holds: 0.4 · 0.5 · 0.5.
    assert readout.members == (0.3, 0.2, 0.2)
    assert abs(readout.overlap - 0.4 * 0.5 * 0.5) < 1e-12


@dataclass(frozen=True)
class Generative:
    prior: tuple[float, ...]
    likelihoods: tuple[tuple[str, str, float], ...]
    """(member, indicator, P(indicator | member))."""
    evidence: tuple[tuple[str, bool], ...]
    residual: bool

    def members(self) -> tuple[str, ...]:
        return (*MEMBERS, "r") if self.residual else MEMBERS

    def plain(self) -> str:
        """The program in plain ProbLog (no declarations)."""
        ad = "; ".join(f"{p}::{m}" for m, p in zip(MEMBERS, self.prior, strict=True))
        lines = [ad + "."]
        lines += [f"{p}::{x} :- {m}." for m, x, p in self.likelihoods]
        lines += [f"evidence({x}, {'true' if v else 'false'})." for x, v in self.evidence]
        if self.residual:
            lines.append("r :- " + ", ".join(f"\\+ {m}" for m in MEMBERS) + ".")
        return "\n".join(lines)

    def problog(self) -> str:
        return self.plain() + "\n" + "\n".join(f"query({m})." for m in self.members())

    def text(self) -> str:
        lines = [f'hypothesis {m} "{m}".' for m in self.members()]
        lines += [line for line in self.plain().splitlines() if not line.startswith("r :-")]
        members = ", ".join(MEMBERS) + (", otherwise r" if self.residual else "")
        lines.append(f"competing s exclusive: {members}.")
        return "\n".join(lines)


@st.composite
def generative_programs(draw: st.DrawFn) -> Generative:
    residual = draw(st.booleans())
    if residual:
        prior = tuple(draw(st.sampled_from([0.1, 0.2, 0.3])) for _ in MEMBERS)
    else:
        prior = draw(st.sampled_from([(0.2, 0.3, 0.5), (0.6, 0.3, 0.1), (0.25, 0.25, 0.5)]))
    likelihoods = tuple(
        (m, x, draw(st.sampled_from([0.1, 0.5, 0.9])))
        for m in MEMBERS for x in ("x0", "x1") if draw(st.integers(0, 3)) > 0
    )
    evidence = tuple((x, draw(st.booleans())) for x in ("x0", "x1")
                     if any(x == y for _, y, _ in likelihoods) and draw(st.booleans()))
    return Generative(prior, likelihoods, evidence, residual)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(generative_programs())
def test_generative_sets_are_bayes_rule(program: Generative) -> None:
    compiled = _assessment(program.text()).compile()
    got = {g[0].name: p for g, p in compiled.question_probabilities().items()}
    (readout,) = compiled.set_readouts()
    assert abs(sum(readout.members) - 1.0) < 1e-9, (readout, program.text())
    ir, clauses = lower_ground(program.problog())
    _, expected = enumerate_worlds(ir, clauses)
    for member, p in zip(program.members(), expected, strict=True):
        assert abs(got[member] - p) < 1e-12, (member, got, expected, program.text())


@settings(max_examples=15, deadline=None, derandomize=True)
@given(generative_programs())
def test_generative_sets_equal_problog(program: Generative) -> None:
    compiled = _assessment(program.text()).compile()
    got = {g[0].name: p for g, p in compiled.question_probabilities().items()}
    live = get_evaluatable().create_from(PrologString(program.problog())).evaluate()
    for atom, p in live.items():
        assert abs(got[str(atom)] - float(p)) <= 1e-9, (atom, got, program.problog())


def test_the_bayesian_ach_example_equals_problog() -> None:
    path = "examples/competing/bayesian_ach.assess"
    got = {a.text: a.probability for a in assess.load(path).prob().answers}
    plain = "\n".join(  # ProbLog has no declarations and no rule labels
        re.sub(r"^\[\w+\] ", "", line)
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if not line.startswith(("indicator", "hypothesis", "competing"))
    )
    queries = "".join(f"\nquery({m})." for m in got)
    live = get_evaluatable().create_from(PrologString(plain + queries)).evaluate()
    assert {str(k) for k in live} == set(got)
    for atom, p in live.items():
        assert abs(got[str(atom)] - float(p)) <= 1e-9, atom
    assert abs(sum(got.values()) - 1.0) < 1e-9


def test_order_decides_where_no_superiority_does() -> None:
    text = ('hypothesis a "A". hypothesis b "B". hypothesis r "R". 0.6::a. 0.5::b.\n'
            "competing s exclusive: a, b, otherwise r.")
    got = {g[0].name: p for g, p in _assessment(text).compile().question_probabilities().items()}
    assert [round(got[m], 12) for m in "abr"] == [0.6, 0.2, 0.2]


def test_a_superior_argument_beats_an_earlier_member() -> None:
    text = ('hypothesis a "A". hypothesis b "B". hypothesis r "R". 0.5::x. 0.5::y.\n'
            "[ra] 0.8::a :- x. [rb] 0.5::b :- y. [rb] > [ra].\n"
            "competing s exclusive: a, b, otherwise r.")
    got = {g[0].name: p for g, p in _assessment(text).compile().question_probabilities().items()}
    # b whenever its argument fires (0.25); a where only a's fires (0.4 · 0.75).
    assert [round(got[m], 12) for m in "abr"] == [0.3, 0.25, 0.45]


def test_conflict_inside_an_exclusive_set_sends_the_contested_to_the_residual() -> None:
    text = ('hypothesis a "A". hypothesis b "B". hypothesis r "R". 0.6::a. 0.5::b.\n'
            "conflict a, b. competing s exclusive: a, b, otherwise r.")
    got = {g[0].name: p for g, p in _assessment(text).compile().question_probabilities().items()}
    # Both arguments fire in 0.3 of the worlds: neither prevails, so r.
    assert [round(got[m], 12) for m in "abr"] == [0.3, 0.2, 0.5]


def test_a_set_that_is_not_exclusive_reads_its_overlap_and_residual() -> None:
    text = 'hypothesis a "A". hypothesis b "B". 0.6::a. 0.5::b. competing s: a, b.'
    (readout,) = _assessment(text).compile().set_readouts()
    assert (round(readout.overlap, 12), round(readout.none, 12)) == (0.3, 0.2)
    assert readout.members == (0.6, 0.5)


def test_a_conditional_set_reads_probabilities_given_its_condition() -> None:
    text = ('hypothesis a "A". hypothesis b "B". hypothesis r "R". 0.4::c. 0.5::x.\n'
            "0.8::a :- x. competing s exclusive given c: a, b, otherwise r.")
    compiled = _assessment(text).compile()
    (readout,) = compiled.set_readouts()
    assert round(readout.condition, 12) == 0.4
    assert [round(p, 12) for p in readout.members] == [0.4, 0.0, 0.6]
    got = {g[0].name: p for g, p in compiled.question_probabilities().items()}
    assert round(got["a"], 12) == 0.16  # a holds only where c does


def _error(text: str) -> str:
    try:
        _assessment(text).compile()
    except AssessError as exc:
        return exc.diagnostics[0].code
    raise AssertionError("expected an error")


def test_an_argument_resting_on_a_rival_member_is_refused() -> None:
    text = ('hypothesis a "A". hypothesis b "B". 0.6::a. 0.5::b :- \\+ a. '
            "competing s exclusive: a, b.")
    assert _error(text) == "exclusive_cycle"


def test_an_exclusive_set_without_residual_must_be_exhaustive() -> None:
    text = 'hypothesis a "A". hypothesis b "B". 0.6::a. 0.5::b. competing s exclusive: a, b.'
    assert _error(text) == "not_exhaustive"
