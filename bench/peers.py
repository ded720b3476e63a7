"""The whole pipeline, text in and answers out, beside its peers, as ratios.

Usage (from the repository root)::

    python bench/peers.py [--workloads ../shared/workloads/workloads.py]
        [--only NAME ...] [--quick] [--timeout 120]

Every program comes from ``workloads.py WORKLOAD SIZE`` (the same text for
every engine) and each engine runs it in a process of its own, started
afresh for every size; the figure is that process's CPU time (user +
system, its own child processes included: ``RUSAGE_CHILDREN``), start-up,
imports and parsing included. Engines, each at its best configuration:

* crisp workloads (every tuple of the target predicate printed):
  ``assess run --semantics crisp --all TARGET``; ``clingo`` (its Python
  module, the program loaded from the file, grounded and solved, the
  target's atoms printed as clingo writes them); ``seminaive`` (``bench/seminaive.py``, a plain
  semi-naive loop in Python over tuples: the floor for a Python engine);
  ``pydatalog`` (facts asserted one by one, the rules loaded, the target
  asked);
* probabilistic workloads (the query's probability printed):
  ``assess run --format json`` and ``problog`` (``python -m problog``, its
  default compiler, SDD when PySDD is installed).

Answers are checked: the number of tuples agrees between the crisp engines,
and the probabilities of assess and ProbLog agree to 1e-6. An engine that
timed out is not run on the larger sizes of that workload. Printed: one
Markdown table per family, CPU seconds per engine and each peer's time as a
multiple of assess's (above 1: assess is faster).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PYTHON = sys.executable

CRISP = {
    "tc_chain": [1000, 2000],
    "tc_rand": [1000, 2000],
    "join3": [16_000, 64_000],
    "neg": [100, 400, 800],
}
PROB = {
    "grid_dag": [4, 16, 64],
    "grid_undir": [4, 8, 16],
    "rand@2": [20, 40],
    "noisyor": [100, 1000],
    "noisyor_tree": [1000, 10_000],
    "noisyor_shared_noconj": [100, 1000],
}
QUICK = {"tc_chain": [300], "join3": [4000], "neg": [100], "grid_dag": [4], "noisyor": [100]}

CLINGO = """
import sys, clingo
path, target = sys.argv[1], sys.argv[2]
ctl = clingo.Control(["--warn=none"])
ctl.load(path)
ctl.add("base", [], f"#show {target}/2.")
ctl.ground([("base", [])])
models = []
ctl.solve(on_model=lambda m: models.append(str(m)))  # the model's text, written by clingo
for model in models:
    sys.stdout.write(model.replace(" ", ".\\n") + ".\\n")
"""

PYDATALOG = """
import re, sys
from pyDatalog import pyDatalog
path, target = sys.argv[1], sys.argv[2]
text = open(path).read()
fact = re.compile(r"^([a-z]\\w*)\\(([^()]*)\\)\\.$")
rules = []
for line in text.splitlines():
    m = fact.match(line)
    if m:
        pyDatalog.assert_fact(m.group(1), *(int(v) for v in m.group(2).split(",")))
    elif line.strip():
        head, body = line.rstrip(".").split(":-")
        body = re.sub(r"\\bnot\\s+", "~", body)
        rules.append(f"{head.strip()} <= {body.strip().replace('), ', ') & ')}")
pyDatalog.load("\\n".join(rules))
answer = pyDatalog.ask(f"{target}(X, Y)")
rows = sorted(answer.answers) if answer else []
sys.stdout.write("".join(f"{target}({a},{b}).\\n" for a, b in rows))
"""


def program(workloads: Path, name: str, size: int) -> tuple[Path, str]:
    """The workload's text in a temporary file, and its target predicate."""
    done = subprocess.run(
        [PYTHON, str(workloads), name, str(size)], capture_output=True, text=True, check=True
    )
    handle, path = tempfile.mkstemp(suffix=".assess", prefix=f"{name}_{size}_")
    with os.fdopen(handle, "w") as out:
        out.write(done.stdout)
    return Path(path), done.stderr.strip()


def commands(family: str, path: Path, target: str) -> dict[str, list[str]]:
    assess = [PYTHON, "-m", "assess", "run"]
    if family == "crisp":
        return {
            "assess": [*assess, "--semantics", "crisp", "--all", target, str(path)],
            "clingo": [PYTHON, "-c", CLINGO, str(path), target],
            "seminaive": [PYTHON, str(HERE / "seminaive.py"), str(path), target],
            "pydatalog": [PYTHON, "-c", PYDATALOG, str(path), target],
        }
    return {
        "assess": [*assess, "--format", "json", str(path)],
        "problog": [PYTHON, "-m", "problog", str(path)],
    }


def run(command: Sequence[str], timeout: float) -> tuple[float, str] | None:
    """The CPU seconds of ``command`` (its children included) and its output,
    or None past ``timeout`` seconds of wall-clock time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO
        )
    except subprocess.TimeoutExpired:
        return None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines() or ["no output"]
        said = next((line for line in lines if "error" in line), lines[-1])
        code = re.search(r"error\[(\w+)\]", said)
        return cpu, "error: " + (code.group(1) if code else said[:200])
    return cpu, done.stdout


def answers(family: str, engine: str, output: str) -> object:
    """What the output says, to compare engines: the number of tuples, or
    each query's probability (atom text without spaces -> probability)."""
    if output.startswith("error:"):
        return output
    if family == "crisp":
        return sum(1 for line in output.splitlines() if line.endswith(")."))
    if engine == "assess":  # bounds (lower, upper) where exact compilation stopped
        return {q["atom"]: q["probability"] if q.get("exact", True) else (q["lower"], q["upper"])
                for q in json.loads(output)["queries"]}
    found = (re.match(r"\s*(.+?):\s*([0-9.eE+-]+)\s*$", line) for line in output.splitlines())
    return {m[1].replace(" ", ""): float(m[2]) for m in found if m}


def agree(family: str, found: dict[str, object]) -> bool:
    values = [v for v in found.values() if not isinstance(v, str)]
    if family == "crisp" or not values:
        return len(set(values)) <= 1  # type: ignore[arg-type]
    first = values[0]
    assert isinstance(first, dict)
    return all(
        isinstance(v, dict) and v.keys() == first.keys()
        and all(_close(v[k], first[k]) for k in first)
        for v in values
    )


def _close(a: float | tuple[float, float], b: float | tuple[float, float]) -> bool:
    """Two answers agree: equal to 1e-6, or a number within bounds."""
    if isinstance(a, tuple) or isinstance(b, tuple):
        (lo, hi), x = (a, b) if isinstance(a, tuple) else (b, a)
        return isinstance(x, tuple) or lo - 1e-6 <= x <= hi + 1e-6
    return abs(a - b) < 1e-6


def _answer(p: float | tuple[float, float]) -> str:
    return f"{p[0]:.4g} ≤ P ≤ {p[1]:.4g}" if isinstance(p, tuple) else f"{p:.4g}"


def table(family: str, plan: dict[str, list[int]], workloads: Path, timeout: float) -> None:
    engines = list(commands(family, Path("x"), "p"))
    peers = engines[1:]
    head = " | ".join(engines) + " | " + " | ".join(f"{p}/assess" for p in peers)
    print(f"\n| workload | size | answer | {head} | agree |")
    print("|---|---:|---:|" + "---:|" * (len(engines) + len(peers)) + "---|")
    for name, sizes in plan.items():
        gave_up: set[str] = set()
        for size in sizes:
            path, target = program(workloads, name, size)
            try:
                result = {
                    e: None if e in gave_up else run(c, timeout)
                    for e, c in commands(family, path, target).items()
                }
            finally:
                path.unlink()
            gave_up |= {e for e, r in result.items() if r is None}
            found = {e: answers(family, e, r[1]) for e, r in result.items() if r is not None}
            ours = result["assess"]
            cells = [_seconds(result[e]) for e in engines]
            ratios = [_ratio(result[p], ours) for p in peers]
            shown = found.get("assess", "?")
            if isinstance(shown, dict):
                shown = ", ".join(_answer(p) for p in list(shown.values())[:3])
            print(f"| {name} | {size} | {shown} | " + " | ".join(cells + ratios)
                  + f" | {'yes' if agree(family, found) else 'NO'} |", flush=True)


def _seconds(result: tuple[float, str] | None) -> str:
    if result is None:
        return "timeout"
    if result[1].startswith("error:"):
        return f"{result[0]:.2f} ({result[1][7:60]})"
    return f"{result[0]:.2f}"


def _ratio(peer: tuple[float, str] | None, ours: tuple[float, str] | None) -> str:
    if peer is None or ours is None or "error:" in (peer[1][:6], ours[1][:6]):
        return "–"
    return f"{peer[0] / max(ours[0], 1e-9):.2f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workloads", type=Path, default=REPO.parent / "shared" / "workloads" / "workloads.py"
    )
    parser.add_argument("--only", nargs="*", help="workload names")
    parser.add_argument("--quick", action="store_true", help="one small size of a few")
    parser.add_argument("--timeout", type=float, default=600.0, help="wall-clock seconds per run")
    args = parser.parse_args()
    for family, plan in (("crisp", CRISP), ("prob", PROB)):
        chosen = {n: (QUICK.get(n, []) if args.quick else s) for n, s in plan.items()}
        chosen = {n: s for n, s in chosen.items() if s and (not args.only or n in args.only)}
        if chosen:
            table(family, chosen, args.workloads, args.timeout)


if __name__ == "__main__":
    main()
