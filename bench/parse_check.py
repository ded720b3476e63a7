"""Time ``parse`` + ``run_checks`` on a generated 5,000-rule program.

The program mixes what real rulesets hold, in these proportions: ground
facts (20 %), rules joining two or three body atoms (30 %), rules with
negation (10 %, always on a lower layer, so there is no negative cycle),
rules with comparisons and ``is`` (10 %), probabilistic rules and annotated
disjunctions (10 %), reports (16 %), and declarations (sources, indicators,
hypotheses, competing sets, labels with superiority). Predicates sit in
layers; a rule uses predicates of its own layer (positive recursion) or
lower ones. Generation is seeded, so every run times the same text.

Usage: ``python bench/parse_check.py [--rules 5000] [--runs 5]``; prints the
median and the best wall-clock and CPU time of parse, check and both.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable

from assess.check import run_checks
from assess.syntax.parser import parse

LAYERS = 25
PER_LAYER = 8


def _pred(rng: random.Random, layer: int, arity: int) -> str:
    return f"l{rng.randrange(layer + 1)}_p{rng.randrange(PER_LAYER)}_{arity}"


def _declarations(sources: int, indicators: int) -> list[str]:
    lines = [f'source s{i} "Source {i}" reliability {"ABCDEF"[i % 6]}.' for i in range(sources)]
    lines += [f'indicator ind{i}(x) "Indicator {i}".' for i in range(indicators)]
    lines += [f'hypothesis h{i} "Hypothesis {i}".' for i in range(6)]
    lines += ["competing threat: h0, h1, h2.", "competing other: h3, h4, h5."]
    return lines


def _rule(rng: random.Random, kind: str, number: int) -> str:
    layer = rng.randrange(1, LAYERS)
    head = f"l{layer}_p{rng.randrange(PER_LAYER)}_2(X, Y)"
    join = f"{_pred(rng, layer, 2)}(X, Z), {_pred(rng, layer, 2)}(Z, Y)"
    if kind == "join":
        return f"{head} :- {join}."
    if kind == "join3":
        return f"{head} :- {join}, {_pred(rng, layer - 1, 2)}(Y, _W)."
    if kind == "negation":
        return f"{head} :- {join}, \\+ {_pred(rng, layer - 1, 2)}(X, Y)."
    if kind == "compare":
        return f"{head} :- {_pred(rng, layer, 2)}(X, Y), ind{number % 50}(N), M is N * 2, M >= 10."
    if kind == "prob":
        return f"[r{number}] 0.{rng.randrange(1, 10)}::{head} :- {join}."
    return (
        f"0.3::l{layer}_d{number}(X); 0.5::l{layer}_e{number}(X) :- "
        f"{_pred(rng, layer - 1, 2)}(X, _)."
    )


def program(rules: int, seed: int = 2022) -> str:
    """A program of about ``rules`` statements, as text."""
    rng = random.Random(seed)
    lines = _declarations(sources=40, indicators=50)
    for layer in range(LAYERS):
        for p in range(PER_LAYER):
            lines.append(f"l{layer}_p{p}_2(c{rng.randrange(200)}, c{rng.randrange(200)}).")
    shares = [
        ("fact", 0.20),
        ("join", 0.20),
        ("join3", 0.10),
        ("negation", 0.10),
        ("compare", 0.10),
        ("prob", 0.08),
        ("disjunction", 0.02),
        ("report", 0.16),
    ]
    budget = rules - len(lines)
    for kind, share in shares:
        for number in range(int(budget * share)):
            if kind == "fact":
                pred = _pred(rng, LAYERS - 1, 2)
                lines.append(f"{pred}(c{rng.randrange(200)}, c{rng.randrange(200)}).")
            elif kind == "report":
                lines.append(
                    f"report ind{number % 50}({rng.randrange(100)}) by s{number % 40} "
                    f"credibility {1 + number % 6} on 2022-12-{1 + number % 28:02d} "
                    f'"quote {number}".'
                )
            else:
                lines.append(_rule(rng, kind, number))
    tail = [f"[r{i}] > [r{i + 1}]." for i in range(0, 40, 2)]
    tail += [f"query(h{i})." for i in range(6)]
    tail += [f"h{i} :- l{LAYERS - 1}_p{i}_2(_, _)." for i in range(6)]
    while len(lines) + len(tail) < rules:
        lines.append(f"{_pred(rng, LAYERS - 1, 2)}(c{rng.randrange(200)}, c{rng.randrange(200)}).")
    return "\n".join(lines + tail) + "\n"


def _time(action: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run (CPU time is steadier on a shared machine)."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rules", type=int, default=5000)
    options.add_argument("--runs", type=int, default=5)
    args = options.parse_args()
    text = program(args.rules)
    parsed = parse(text, "bench.assess")
    findings = run_checks([parsed])
    errors = [d for d in findings if d.is_error]
    print(
        f"statements: {len(parsed.statements)}, bytes: {len(text):,}, "
        f"findings: {len(findings)} ({len(errors)} errors)"
    )
    if errors:
        print("unexpected errors, e.g.:", errors[0], file=sys.stderr)
    parse_times = _time(lambda: parse(text, "bench.assess"), args.runs)
    check_times = _time(lambda: run_checks([parsed]), args.runs)
    both = _time(lambda: run_checks([parse(text, "bench.assess")]), args.runs)
    results = {"parse": parse_times, "check": check_times, "parse+check": both}
    for name, (wall, cpu) in results.items():
        print(
            f"{name:12s} wall median {statistics.median(wall):.3f} s (best {min(wall):.3f})"
            f"   cpu median {statistics.median(cpu):.3f} s (best {min(cpu):.3f})"
        )


if __name__ == "__main__":
    main()
