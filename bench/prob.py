"""Exact probabilistic inference, side by side with ProbLog 2 in the same run.

Usage: ``python bench/prob.py [--quick] [--problog-timeout 60]``

Families (each program is plain ProbLog, run unchanged by both systems):

* ``grid``: reachability corner to corner on a directed 3×k grid (edges
  right and down, p = 0.6), ``path`` right-recursive;
* ``ugrid``: the same on an undirected 3×k grid (each link usable both
  ways, so every link closes a cycle);
* ``random``: a random directed graph of n nodes, 2n edges, with cycles;
* ``noisyor``: n reports feed indicators (5 per indicator), indicators feed
  two of three hypotheses, through probabilistic rules (noisy-or); with
  ``2x`` each report feeds two neighbouring indicators.

For each program, in CPU seconds (the machine is shared, so wall-clock time
says more about the neighbours than about the code): ours split into parse
and lower (the front end) and inference (ground, compile, evaluate); ProbLog's
(a subprocess timing its own parse and evaluation, its knowledge compiler's
child processes included, stopped past the CPU limit); whether the answers
agree to 1e-9; and the time to re-evaluate after changing one input.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable

from assess.engine.lower import lower
from assess.semantics.prob.infer import infer
from assess.syntax.parser import parse

PROBLOG = """
import json, resource, sys, time
from problog.program import PrologString
from problog import get_evaluatable
def cpu():
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
text = sys.stdin.read()
start = cpu()
result = get_evaluatable().create_from(PrologString(text)).evaluate()
took = cpu() - start
answers = {str(k).replace(" ", ""): v for k, v in result.items()}
print(json.dumps({"time": took, "answers": answers}))
"""


def grid(k: int) -> str:
    def n(r: int, c: int) -> int:
        return c * 3 + r

    lines = [f"0.6::edge({n(r, c)}, {n(r, c + 1)})." for c in range(k - 1) for r in range(3)]
    lines += [f"0.6::edge({n(r, c)}, {n(r + 1, c)})." for c in range(k) for r in range(2)]
    lines += [
        "path(X, Y) :- edge(X, Y).",
        "path(X, Y) :- edge(X, Z), path(Z, Y).",
        f"query(path({n(0, 0)}, {n(2, k - 1)})).",
    ]
    return "\n".join(lines)


def ugrid(k: int) -> str:
    directed = grid(k).replace("::edge(", "::link(")
    return "edge(X, Y) :- link(X, Y).\nedge(X, Y) :- link(Y, X).\n" + directed


def random_graph(n: int, seed: int = 7) -> str:
    rng = random.Random(seed * 1000 + n)
    edges: set[tuple[int, int]] = set()
    while len(edges) < 2 * n:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            edges.add((a, b))
    lines = [f"{rng.choice([0.3, 0.5, 0.7])}::edge({a}, {b})." for a, b in sorted(edges)]
    lines += [
        "path(X, Y) :- edge(X, Y).",
        "path(X, Y) :- edge(X, Z), path(Z, Y).",
        f"query(path(0, {n - 1})).",
    ]
    return "\n".join(lines)


def noisy_or(n: int, two: bool = False) -> str:
    m = max(2, n // 5)
    lines = [f"0.{5 + i % 4}::report({i})." for i in range(n)]
    for i in range(n):
        lines.append(f"feeds({i}, {i % m}).")
        if two:
            lines.append(f"feeds({i}, {(i + 1) % m}).")
    for j in range(m):
        lines += [f"supports({j}, h{j % 3}).", f"supports({j}, h{(j + 1) % 3})."]
    lines += [
        "0.7::indicator(I) :- report(R), feeds(R, I).",
        "0.6::hypothesis(H) :- indicator(I), supports(I, H).",
        "query(hypothesis(h0)).",
        "query(hypothesis(h1)).",
        "query(hypothesis(h2)).",
    ]
    return "\n".join(lines)


def ours(text: str) -> tuple[float, float, dict[str, float], float]:
    """CPU seconds (parse and lower; ground, compile and evaluate), answers,
    and CPU seconds per re-evaluation after changing one input."""
    start = time.process_time()
    ir = lower([parse(text)])
    parsed = time.process_time()
    model = infer(ir)
    answers = {r.text: r.probability for r in model.probabilities()}
    took = time.process_time()
    target = model.inputs[len(model.inputs) // 2]
    for i in range(10):
        model.probabilities({target: 0.1 + i / 20})
    again = (time.process_time() - took) / 10
    return parsed - start, took - parsed, answers, again


def _limit_cpu(seconds: float) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (int(seconds), int(seconds) + 1))


def problog(text: str, timeout: float) -> float | dict[str, float] | None:
    """ProbLog's answers and CPU seconds (children included), None past
    ``timeout`` CPU seconds (or 3× that in wall-clock time)."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", PROBLOG],
            input=text,
            text=True,
            capture_output=True,
            timeout=3 * timeout,
            check=True,
            preexec_fn=lambda: _limit_cpu(timeout),
        )
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return None
    data = json.loads(done.stdout)
    return {"time": float(data["time"]), **{f"?{k}": v for k, v in data["answers"].items()}}


def row(name: str, text: str, timeout: float, skip_problog: bool) -> str:
    parse_s, infer_s, answers, again = ours(text)
    theirs = None if skip_problog else problog(text, timeout)
    if not isinstance(theirs, dict):
        agree, shown, ratio = "—", ("not run" if skip_problog else f"> {timeout:.0f} s"), "—"
    else:
        expected = {k[1:]: v for k, v in theirs.items() if k.startswith("?")}
        ok = all(abs(answers[a] - p) <= 1e-9 for a, p in expected.items())
        agree = "yes" if ok else "NO"
        shown = f"{theirs['time']:.2f} s"
        ratio = f"{theirs['time'] / max(again, 1e-6):,.0f}×"
    return (
        f"| {name} | {parse_s:.2f} s | {infer_s:.2f} s | {parse_s + infer_s:.2f} s "
        f"| {shown} | {agree} | {again * 1000:.2f} ms | {ratio} |"
    )


CASES: dict[str, list[tuple[str, Callable[[], str], bool]]] = {
    "quick": [
        ("grid 3×8", lambda: grid(8), False),
        ("ugrid 3×5", lambda: ugrid(5), False),
        ("random 15", lambda: random_graph(15), False),
        ("noisy-or 100", lambda: noisy_or(100), False),
    ],
}


def full_cases() -> list[tuple[str, Callable[[], str], bool]]:
    """(name, program, skip ProbLog): ProbLog runs up to the first size it
    failed within the limit in earlier runs, and not beyond."""
    cases: list[tuple[str, Callable[[], str], bool]] = []
    for k in (8, 16, 20, 50, 100):
        cases.append((f"directed grid 3×{k}", lambda k=k: grid(k), k > 20))
    for k in (6, 8, 12, 16):
        cases.append((f"undirected grid 3×{k}", lambda k=k: ugrid(k), k > 8))
    for n in (10, 20, 30, 40):
        cases.append((f"random graph {n} nodes", lambda n=n: random_graph(n), False))
    for n in (20, 200, 1000, 10_000):
        cases.append((f"noisy-or {n} reports", lambda n=n: noisy_or(n), n > 200))
    for n in (20, 30, 200, 1000):
        cases.append((f"noisy-or {n} reports ×2 indicators", lambda n=n: noisy_or(n, True), n > 30))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--problog-timeout", type=float, default=60.0)
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    args = parser.parse_args()
    cases = CASES["quick"] if args.quick else full_cases()
    print(
        "| program | assess parse | assess infer | assess total | ProbLog 2.3 | agree "
        "| re-evaluate | ProbLog / re-evaluate |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, make, skip in cases:
        if args.only in name:
            print(row(name, make(), args.problog_timeout, skip), flush=True)


if __name__ == "__main__":
    main()
