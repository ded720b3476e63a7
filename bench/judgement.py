"""Time the analyst's layer against the plain ``prob`` answers it is built on.

A generated ACH-shaped program: one competing set of ``--hypotheses``
hypotheses, ``--indicators`` indicators each reported by two sources (of
twelve, two of them linked by ``derived_from``), and for each indicator two
weighted arguments: one supporting a hypothesis directly and one blocking
another through an intermediate premise and ``\\+``. Generation is seeded.

Measured, each the median of ``--runs``: ``prob`` (ground, compile, one
evaluation: what ``assess run`` needed before judgements), ``judge`` (the
same plus every judgement: effects, arguments, confidence with gradients)
and ``matrix`` (compile plus one re-evaluation per indicator).

Usage: ``python bench/judgement.py [--indicators 20 80 200] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from assess.engine.lower import lower
from assess.explain.judgement import judge
from assess.explain.matrix import matrices
from assess.semantics.prob.compiled import compile_assessment
from assess.semantics.prob.infer import infer
from assess.syntax.parser import parse


def program(indicators: int, hypotheses: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = [f'source s{i} "Source {i}" reliability {"ABCDE"[i % 5]}.' for i in range(11)]
    lines.append('source s11 "Source 11" reliability D derived_from s3.')
    lines += [f'hypothesis h{k} "Hypothesis {k}".' for k in range(hypotheses)]
    lines.append("competing set: " + ", ".join(f"h{k}" for k in range(hypotheses)) + ".")
    for i in range(indicators):
        lines.append(f'indicator i{i} "Indicator {i}".')
        for source in rng.sample(range(12), 2):
            lines.append(f"report i{i} by s{source} credibility {rng.randint(1, 5)}.")
        for_h, against_h = rng.sample(range(hypotheses), 2)
        lines.append(f"[f{i}] {rng.uniform(0.2, 0.9):.2f}::h{for_h} :- i{i}.")
        lines.append(f"[b{i}] {rng.uniform(0.2, 0.9):.2f}::block{against_h} :- i{i}.")
    for k in range(hypotheses):
        lines.append(f"[base{k}] 0.3::h{k} :- \\+ block{k}.")
    return "\n".join(lines) + "\n"


def median_time(action: Callable[[], object], runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(cpus), statistics.median(walls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--indicators", type=int, nargs="+", default=[20, 80, 200])
    parser.add_argument("--hypotheses", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| indicators | inputs | prob CPU | judge CPU | matrix CPU | judge wall |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in args.indicators:
        ir = lower([parse(program(n, args.hypotheses))])
        inputs = len(infer(ir).inputs)
        prob_cpu, _ = median_time(lambda ir=ir: infer(ir).probabilities(), args.runs)
        judge_cpu, judge_wall = median_time(
            lambda ir=ir: judge(compile_assessment(ir)), args.runs
        )
        matrix_cpu, _ = median_time(
            lambda ir=ir: matrices(compile_assessment(ir)), args.runs
        )
        print(f"| {n} | {inputs} | {prob_cpu:.2f} s | {judge_cpu:.2f} s | "
              f"{matrix_cpu:.2f} s | {judge_wall:.2f} s |")


if __name__ == "__main__":
    main()
