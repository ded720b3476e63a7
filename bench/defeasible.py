"""Time the defeasible reading: the proof conditions scale linearly.

Runs (bounded; a few seconds each):

1. ``prove`` alone on ground theories of growing size (n birds, a fifth of
   them penguins, the penguin rule superior, plus a defeasible chain of n
   literals), both ambiguity policies;
2. the whole path (lower, ground through the engine, prove) on the same
   programs written as assess text;
3. the LUBM strict-only conformance theory (about 100k facts) through the
   Datalog fast path and through the full proof theory.

Usage: ``python bench/defeasible.py`` (prints a Markdown table).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from assess.engine.lower import lower
from assess.semantics.defeasible.ground import ground
from assess.semantics.defeasible.prove import Ambiguity, prove
from assess.semantics.defeasible.theory import GroundTheory, RuleKind, TheoryBuilder, atom
from assess.syntax.parser import parse


def birds_theory(n: int) -> GroundTheory:
    b = TheoryBuilder()
    for i in range(n):
        b.fact(atom("bird", i))
        if i % 5 == 0:
            b.fact(atom("penguin", i))
            b.rule("r2", RuleKind.DEFEASIBLE, atom("fly", i, contrary=True), [atom("penguin", i)])
        b.rule("r1", RuleKind.DEFEASIBLE, atom("fly", i), [atom("bird", i)])
        b.rule("chain", RuleKind.DEFEASIBLE, atom("link", i + 1), [atom("link", i)])
    b.fact(atom("link", 0))
    b.superior("r2", "r1")
    return b.build()


def birds_program(n: int) -> str:
    facts = [f"bird({i})." for i in range(n)] + [f"penguin({i})." for i in range(0, n, 5)]
    facts += [f"next({i}, {i + 1})." for i in range(n)]
    rules = [
        "[r1] fly(X) -< bird(X).",
        "[r2] ~fly(X) -< penguin(X).",
        "[r2] > [r1].",
        "link(0).",
        "[chain] link(Y) -< link(X), next(X, Y).",
    ]
    return "\n".join(facts + rules)


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def lubm_rows() -> list[str]:
    from datalog_conformance.plugin import get_tests_dir
    from datalog_conformance.schema import TestCase
    import yaml

    from assess.interop.defeasible import DefeasibleEvaluator, theory_ir

    path = get_tests_dir() / "defeasible/strict_only/strict_only_recursion_souffle_example_lubm.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    case = TestCase.from_dict({**raw["tests"][0], "source": "lubm"})
    theory = case.theory
    assert theory is not None
    facts = sum(len(rows) for rows in theory.facts.values())
    fast = seconds(lambda: DefeasibleEvaluator().evaluate(theory, "blocking"))
    ir = theory_ir(theory)
    grounded: list[GroundTheory] = []
    grounding = seconds(lambda: grounded.append(ground(ir)))
    proving = seconds(lambda: prove(grounded[0]))
    return [
        f"| LUBM ({facts} facts), Datalog fast path | {fast:.2f} s |",
        f"| LUBM, grounding for the proof theory ({len(grounded[0])} units) | {grounding:.2f} s |",
        f"| LUBM, proof conditions on that ground theory | {proving:.2f} s |",
    ]


def main() -> None:
    print("| work | time |")
    print("|---|---|")
    for n in (1_000, 10_000, 100_000):
        theory = birds_theory(n)
        for policy in Ambiguity:
            took = seconds(lambda: prove(theory, policy))
            print(f"| prove, {len(theory)} units, {policy} | {took:.2f} s |")
    for n in (1_000, 10_000):
        text = birds_program(n)
        took = seconds(lambda: prove(ground(lower([parse(text)]))))
        print(f"| parse+lower+ground+prove, {n} birds | {took:.2f} s |")
    if Path(__file__).parent.joinpath("..", "assess", "interop", "defeasible.py").exists():
        for row in lubm_rows():
            print(row)


if __name__ == "__main__":
    main()
