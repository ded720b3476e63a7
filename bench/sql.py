"""The SQL engines beside the in-memory engine, clingo and hand-written SQL.

Usage: ``python bench/sql.py [--quick] [--timeout 600] [--only WORKLOAD]
[--engines assess,duckdb,...]``

Workloads (``bench/datalog.py``'s generators, fixed seeds):

* ``tc_random N``: transitive closure of a random graph of N nodes, 2N edges;
* ``tc_sparse E``: transitive closure of a random graph of E edges over
  1.25 E nodes (mean out-degree 0.8: about 4.8 paths per edge, so 10⁵ edges
  close in half a million paths where ``tc_random``'s giant component would
  give billions);
* ``join3 F``: ``j(X, W) :- r(X, Y), s(Y, Z), t(Z, W).`` over F facts in all;
* ``unreachable N``: stratified negation over the closure of a random graph.

Engines, each in its own process (killed after ``--timeout`` seconds):
``assess`` (the in-memory engine), ``duckdb`` and ``postgres``
(``assess.engine.sqleval``: facts loaded, a linear stratum as one ``WITH
RECURSIVE``, other strata in semi-naive rounds), ``duckdb-rounds`` and
``postgres-rounds`` (the same with rounds only), ``duckdb-sql`` (DuckDB
running the hand-written query: ``WITH RECURSIVE`` with ``UNION`` for the
closure, one join, ``NOT EXISTS``; plain integer columns), and ``clingo``.
Reported per engine: CPU seconds of its process (user + system, every
thread: DuckDB runs several) from the facts in Python's memory to the
answer counted, wall seconds, and the process's peak RSS (facts included;
PostgreSQL's CPU and memory are the server's and are not in them). The
output tuple counts must agree. ``postgres`` needs a server (``source
.ci/postgres``).

On a shared machine prefer the CPU seconds and the peak RSS: wall time
counts others' work too. Label any run from a loaded machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from datalog import TC, Facts, Workload, _random_edges, join3, tc_random, unreachable


def tc_sparse(e: int) -> Workload:
    n = e * 5 // 4
    return {"edge": _random_edges(n, e, n)}, TC, "path", 2


WORKLOADS = {
    # name: generator, sizes, quick sizes
    "tc_sparse": (tc_sparse, [100_000], [2_000]),
    "tc_random": (tc_random, [1_000], [200]),
    "join3": (join3, [1_000_000], [3_000]),
    "unreachable": (unreachable, [1_000, 3_000], [100]),
}
ENGINES = ["assess", "duckdb", "duckdb-rounds", "postgres", "postgres-rounds", "duckdb-sql",
           "clingo"]

_CLOSURE = ("WITH RECURSIVE path(x, y) AS (SELECT a, b FROM edge UNION "
            "SELECT p.x, e.b FROM path AS p JOIN edge AS e ON p.y = e.a) "
            "SELECT count(*) FROM path")
HAND_WRITTEN = {
    "tc_sparse": _CLOSURE,
    "tc_random": _CLOSURE,
    "join3": "SELECT count(*) FROM (SELECT DISTINCT r.a, t.b FROM r JOIN s ON r.b = s.a "
             "JOIN t ON s.b = t.a)",
    "unreachable": "WITH RECURSIVE path(x, y) AS (SELECT a, b FROM edge UNION "
                   "SELECT p.x, e.b FROM path AS p JOIN edge AS e ON p.y = e.a) "
                   "SELECT count(*) FROM node AS m, node AS n WHERE NOT EXISTS "
                   "(SELECT 1 FROM path WHERE x = m.a AND y = n.a)",
}


def _program(facts: Facts, rules: str) -> Any:
    from assess.engine.ir import IRProgram, Pred
    from assess.engine.lower import lower
    from assess.syntax.parser import parse

    return IRProgram(rules=lower([parse(rules)]).rules, facts={
        Pred(name, len(rows[0])): set(rows) for name, rows in facts.items()})


def _hand_written(workload: str, facts: Facts) -> int:
    import csv
    import tempfile

    import duckdb

    con = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder:
        for name, rows in facts.items():
            path = Path(folder) / f"{name}.csv"
            with path.open("w", newline="") as out:
                csv.writer(out).writerows(rows)
            names = "ab"[: len(rows[0])]
            con.execute(f"CREATE TABLE {name} ({', '.join(f'{c} BIGINT' for c in names)})")
            con.execute(f"INSERT INTO {name} SELECT * FROM read_csv(?, header = false)",
                        [str(path)])
        found = con.execute(HAND_WRITTEN[workload]).fetchone()
    return int(found[0]) if found else 0


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
    database = engine.removesuffix("-rounds")
    program = _program(facts, rules) if database in ("assess", "duckdb", "postgres") else None
    from assess.engine.evaluate import evaluate
    from assess.engine.ir import Pred
    from assess.engine.sqleval import sql_model

    cpu = time.process_time()
    wall = time.perf_counter()
    if engine == "assess":
        tuples = len(evaluate(program, goals=[Pred(out, arity)]).relations[Pred(out, arity)])
    elif database in ("duckdb", "postgres"):
        model = sql_model(program, [Pred(out, arity)], database,
                          recursive=not engine.endswith("-rounds"))
        tuples = len(model.relations[Pred(out, arity)])
    elif engine == "duckdb-sql":
        tuples = _hand_written(workload, facts)
    else:
        tuples = _clingo(facts, rules, out, arity)
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"cpu": cpu, "wall": wall, "peak_mb": peak, "tuples": tuples}))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--only", choices=list(WORKLOADS))
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--child", nargs=3, metavar=("ENGINE", "WORKLOAD", "SIZE"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    engines = args.engines.split(",")
    print("| workload | size | tuples | " + " | ".join(engines) + " |")
    print("|---|---:|---:|" + "---:|" * len(engines))
    for name, (_, sizes, quick) in WORKLOADS.items():
        if args.only and name != args.only:
            continue
        gave_up: set[str] = set()  # an engine that timed out is not run on larger sizes
        for size in quick if args.quick else sizes:
            r = {e: None if e in gave_up else measure(e, name, size, args.timeout)
                 for e in engines}
            gave_up |= {e for e, v in r.items() if v is None}
            counts = {int(v["tuples"]) for v in r.values() if v is not None}
            assert len(counts) <= 1, f"engines disagree on {name} {size}: {r}"
            cells = ["timeout" if v is None else
                     f"{v['cpu']:.1f} s cpu ({v['wall']:.1f} s) / {v['peak_mb']:.0f} MB"
                     for v in r.values()]
            print(f"| {name} | {size} | {counts.pop() if counts else '?'} | "
                  + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
