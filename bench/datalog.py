"""The Datalog engine side by side with pyDatalog and clingo, same programs.

Usage: ``python bench/datalog.py [--quick] [--timeout 60] [--only WORKLOAD]``

Workloads (facts generated with fixed seeds):

* ``tc_chain N``: transitive closure of the chain 0 -> 1 -> … -> N;
* ``tc_random N``: transitive closure of a random graph, N nodes, 2N edges;
* ``join3 F``: ``j(X, W) :- r(X, Y), s(Y, Z), t(Z, W).`` over F facts in all;
* ``same_gen D``: same generation on a complete binary tree of depth D;
* ``unreachable N``: pairs with no path, stratified negation over the
  closure of a random graph of N nodes and N edges.

Each engine runs in its own process (fresh memory, killed after
``--timeout`` seconds): ``assess`` (record off), ``assess+rec`` (the
derivation graph recorded), ``pydatalog`` (the rules translated by
``assess.engine.pydatalog_backend``), ``clingo`` (grounding the same rules).
Reported: CPU seconds of the evaluation (facts already in memory, rules
already parsed for the two Python engines; clingo's parse of the fact text
included, it is its bulk path; a timed-out engine is not run on larger sizes), the growth of peak
RSS during it, and the number of derived output tuples (checked equal).
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
from typing import Any

Facts = dict[str, list[tuple[int, ...]]]
Workload = tuple[Facts, str, str, int]

TC = "path(X, Y) :- edge(X, Y). path(X, Y) :- path(X, Z), edge(Z, Y)."


def tc_chain(n: int) -> Workload:
    return {"edge": [(i, i + 1) for i in range(n)]}, TC, "path", 2


def _random_edges(n: int, m: int, seed: int) -> list[tuple[int, ...]]:
    rng = random.Random(seed)
    edges: set[tuple[int, ...]] = set()
    while len(edges) < m:
        edges.add((rng.randrange(n), rng.randrange(n)))
    return sorted(edges)


def tc_random(n: int) -> Workload:
    return {"edge": _random_edges(n, 2 * n, n)}, TC, "path", 2


def join3(f: int) -> Workload:
    rng, m = random.Random(f), f // 3
    rows = {name: [(rng.randrange(m), rng.randrange(m)) for _ in range(m)] for name in "rst"}
    return ({k: sorted(set(v)) for k, v in rows.items()},
            "j(X, W) :- r(X, Y), s(Y, Z), t(Z, W).", "j", 2)


def same_gen(depth: int) -> Workload:
    nodes = 2 ** (depth + 1) - 1
    par = [(child, (child - 1) // 2) for child in range(1, nodes)]
    rules = ("sg(X, Y) :- par(X, P), par(Y, P). "
             "sg(X, Y) :- par(X, XP), sg(XP, YP), par(Y, YP).")
    return {"par": par}, rules, "sg", 2


def unreachable(n: int) -> Workload:
    facts = {"edge": _random_edges(n, n, n), "node": [(i,) for i in range(n)]}
    rules = TC + " unreach(X, Y) :- node(X), node(Y), not path(X, Y)."
    return facts, rules, "unreach", 2


WORKLOADS: dict[str, tuple[Callable[[int], Workload], list[int], list[int]]] = {
    # name: generator, sizes, quick sizes
    "tc_chain": (tc_chain, [250, 500, 1000, 2000], [250]),
    "tc_random": (tc_random, [250, 500, 1000], [250]),
    "join3": (join3, [10_000, 100_000], [10_000]),
    "same_gen": (same_gen, [7, 8, 9], [7]),
    "unreachable": (unreachable, [250, 500], [250]),
}
ENGINES = ["assess", "assess+rec", "pydatalog", "clingo"]
PEER_MODULES = {"pydatalog": "pyDatalog", "clingo": "clingo"}
"""Engines that need a package of their own: without it they are left out."""


def installed(engine: str) -> bool:
    import importlib.util

    module = PEER_MODULES.get(engine)
    return module is None or importlib.util.find_spec(module) is not None


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def _rules(rules: str) -> Any:
    """The rules as IR (parsed before the clock starts, for both Python engines)."""
    from assess.engine.lower import lower
    from assess.syntax.parser import parse

    return lower([parse(rules)]).rules


def _assess(facts: Facts, rules: Any, out: str, arity: int, record: bool) -> int:
    from assess.engine.evaluate import evaluate
    from assess.engine.ir import IRProgram, Pred

    ir = IRProgram(
        rules=rules,
        facts={Pred(name, len(rows[0])): set(rows) for name, rows in facts.items()},
    )
    return len(evaluate(ir, record=record).relations[Pred(out, arity)])


def _pydatalog(facts: Facts, rules: Any, out: str, arity: int) -> int:
    from pyDatalog import pyDatalog

    from assess.engine.ir import Pred
    from assess.engine.pydatalog_backend import translate

    t = translate(rules, {Pred(name, len(rows[0])): set(rows) for name, rows in facts.items()})
    pyDatalog.clear()
    for name, row in t.facts:
        pyDatalog.assert_fact(name, *row)
    pyDatalog.load("\n".join(t.rules))
    name = t.names[Pred(out, arity)]
    answer = pyDatalog.ask(f"{name}({', '.join(f'V{n}' for n in range(arity))})")
    return len(answer.answers) if answer else 0


def _clingo(facts: Facts, rules: str, out: str, arity: int) -> int:
    import clingo

    text = "".join(f"{name}({','.join(map(str, row))}).\n"
                   for name, rows in facts.items() for row in rows)
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], text + rules + f"\n#show {out}/{arity}.")
    ctl.ground([("base", [])])
    ctl.solve()
    return sum(1 for _ in ctl.symbolic_atoms.by_signature(out, arity))


def child(engine: str, workload: str, size: int) -> None:
    """Run one engine on one workload; print its figures as JSON."""
    facts, rules, out, arity = WORKLOADS[workload][0](size)
    import assess.engine.evaluate  # noqa: F401  (imports outside the timing)

    lowered = _rules(rules) if engine != "clingo" else None
    base = _rss_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    if engine.startswith("assess"):
        tuples = _assess(facts, lowered, out, arity, record=engine == "assess+rec")
    elif engine == "pydatalog":
        tuples = _pydatalog(facts, lowered, out, arity)
    else:
        tuples = _clingo(facts, rules, out, arity)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base
    print(json.dumps({"cpu": cpu, "wall": wall, "peak_mb": max(peak, 0.0), "tuples": tuples}))


def measure(engine: str, workload: str, size: int, timeout: float) -> dict[str, float] | None:
    command = [sys.executable, __file__, "--child", engine, workload, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise RuntimeError(f"{engine} {workload} {size}: {done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


MISSING = {"missing": 1.0}


def _cell(result: dict[str, float] | None) -> str:
    if result is MISSING:
        return "not installed"
    if result is None:
        return "timeout"
    return f"{result['cpu']:.2f} s / {result['peak_mb']:.0f} MB"


def _ratio(other: dict[str, float] | None, ours: dict[str, float] | None) -> str:
    if other is None or ours is None or other is MISSING or ours is MISSING:
        return "–"
    return f"{other['cpu'] / max(ours['cpu'], 1e-9):.1f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", choices=list(WORKLOADS))
    parser.add_argument("--child", nargs=3, metavar=("ENGINE", "WORKLOAD", "SIZE"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    print("| workload | size | tuples | assess | assess+rec | rec/off | pyDatalog | "
          "pyDatalog/assess | clingo | clingo/assess |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (_, sizes, quick) in WORKLOADS.items():
        if args.only and name != args.only:
            continue
        gave_up: set[str] = set()  # an engine that timed out is not run on larger sizes
        for size in quick if args.quick else sizes:
            r = {e: MISSING if not installed(e) else None if e in gave_up
                 else measure(e, name, size, args.timeout) for e in ENGINES}
            gave_up |= {e for e, v in r.items() if v is None}
            counts = {int(v["tuples"]) for v in r.values() if v is not None and v is not MISSING}
            assert len(counts) <= 1, f"engines disagree on {name} {size}: {r}"
            ours = r["assess"]
            print(f"| {name} | {size} | {counts.pop() if counts else '?'} | {_cell(ours)} | "
                  f"{_cell(r['assess+rec'])} | {_ratio(r['assess+rec'], ours)} | "
                  f"{_cell(r['pydatalog'])} | {_ratio(r['pydatalog'], ours)} | "
                  f"{_cell(r['clingo'])} | {_ratio(r['clingo'], ours)} |", flush=True)


if __name__ == "__main__":
    main()
