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

For each program: our time (parse, lower, ground, compile, evaluate; in
process), ProbLog's time (a subprocess that times its own parse and
evaluation; killed after the timeout), whether the answers agree to 1e-9, and
the time to re-evaluate after changing one input's probability.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable

from assess.engine.lower import lower
from assess.semantics.prob.infer import infer
from assess.syntax.parser import parse

PROBLOG = """
import json, sys, time
from problog.program import PrologString
from problog import get_evaluatable
text = sys.stdin.read()
start = time.perf_counter()
result = get_evaluatable().create_from(PrologString(text)).evaluate()
took = time.perf_counter() - start
print(json.dumps({"time": took, "answers": {str(k).replace(" ", ""): v for k, v in result.items()}}))
"""


def grid(k: int) -> str:
    def n(r: int, c: int) -> int:
        return c * 3 + r

    lines = [f"0.6::edge({n(r, c)}, {n(r, c + 1)})." for c in range(k - 1) for r in range(3)]
    lines += [f"0.6::edge({n(r, c)}, {n(r + 1, c)})." for c in range(k) for r in range(2)]
    lines += ["path(X, Y) :- edge(X, Y).", "path(X, Y) :- edge(X, Z), path(Z, Y).",
              f"query(path({n(0, 0)}, {n(2, k - 1)}))."]
    return "\n".join(lines)


def ugrid(k: int) -> str:
    text = grid(k).replace("edge(", "link(").replace("path(X, Y) :- link", "path(X, Y) :- edge")
    rules = "edge(X, Y) :- link(X, Y).\nedge(X, Y) :- link(Y, X).\n"
    return rules + text.replace("edge(X, Z), path", "edge(X, Z), path").replace(
        "path(X, Y) :- edge(X, Y).", "path(X, Y) :- edge(X, Y).")


def random_graph(n: int, seed: int = 7) -> str:
    rng = random.Random(seed * 1000 + n)
    edges: set[tuple[int, int]] = set()
    while len(edges) < 2 * n:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            edges.add((a, b))
    lines = [f"{rng.choice([0.3, 0.5, 0.7])}::edge({a}, {b})." for a, b in sorted(edges)]
    lines += ["path(X, Y) :- edge(X, Y).", "path(X, Y) :- edge(X, Z), path(Z, Y).",
              f"query(path(0, {n - 1}))."]
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
    lines += ["0.7::indicator(I) :- report(R), feeds(R, I).",
              "0.6::hypothesis(H) :- indicator(I), supports(I, H).",
              "query(hypothesis(h0)).", "query(hypothesis(h1)).", "query(hypothesis(h2))."]
    return "\n".join(lines)


def ours(text: str) -> tuple[float, dict[str, float], float]:
    """(compile-and-evaluate seconds, answers, seconds to re-evaluate once)."""
    start = time.perf_counter()
    model = infer(lower([parse(text)]))
    answers = {r.text: r.probability for r in model.probabilities()}
    took = time.perf_counter() - start
    target = model.inputs[len(model.inputs) // 2]
    again = time.perf_counter()
    model.probabilities({target: 0.42})
    return took, answers, time.perf_counter() - again


def problog(text: str, timeout: float) -> tuple[float | None, dict[str, float]]:
    try:
        done = subprocess.run([sys.executable, "-c", PROBLOG], input=text, text=True,
                              capture_output=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None, {}
    except subprocess.CalledProcessError as exc:
        return None, {"error": float("nan"), **({"msg": 0.0} if exc.stderr else {})}
    data = json.loads(done.stdout)
    return float(data["time"]), data["answers"]


def row(name: str, text: str, timeout: float, skip_problog: bool) -> str:
    took, answers, again = ours(text)
    theirs, expected = (None, {}) if skip_problog else problog(text, timeout)
    if theirs is None:
        agree = "—"
        shown = "skipped" if skip_problog else f"> {timeout:.0f} s"
    else:
        agree = "yes" if all(abs(answers[a] - p) <= 1e-9 for a, p in expected.items()) else "NO"
        shown = f"{theirs:.2f} s"
    ratio = f"{theirs / again:,.0f}×" if theirs else "—"
    return (f"| {name} | {took:.2f} s | {shown} | {agree} | {again * 1000:.2f} ms | {ratio} |")


CASES: dict[str, list[tuple[str, Callable[[], str], bool]]] = {
    "quick": [
        ("grid 3×8", lambda: grid(8), False),
        ("ugrid 3×5", lambda: ugrid(5), False),
        ("random 15", lambda: random_graph(15), False),
        ("noisy-or 100", lambda: noisy_or(100), False),
    ],
}


def full_cases() -> list[tuple[str, Callable[[], str], bool]]:
    cases: list[tuple[str, Callable[[], str], bool]] = []
    for k in (8, 16, 20, 50, 100):
        cases.append((f"directed grid 3×{k}", lambda k=k: grid(k), k > 20))
    for k in (6, 7, 8, 12, 16):
        cases.append((f"undirected grid 3×{k}", lambda k=k: ugrid(k), k > 8))
    for n in (10, 20, 30, 40):
        cases.append((f"random graph {n} nodes", lambda n=n: random_graph(n), False))
    for n in (20, 200, 400, 1000, 10_000):
        cases.append((f"noisy-or {n} reports", lambda n=n: noisy_or(n), n > 400))
    for n in (20, 25, 30, 200, 1000):
        cases.append((f"noisy-or {n} reports ×2 indicators", lambda n=n: noisy_or(n, True), n > 30))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--problog-timeout", type=float, default=60.0)
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    args = parser.parse_args()
    cases = CASES["quick"] if args.quick else full_cases()
    print("| program | assess | ProbLog 2.3 | agree | re-evaluate | ProbLog / re-evaluate |")
    print("|---|---|---|---|---|---|")
    for name, make, skip in cases:
        if args.only in name:
            print(row(name, make(), args.problog_timeout, skip), flush=True)


if __name__ == "__main__":
    main()
