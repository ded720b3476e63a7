"""The front end on bulk input: parsing ground facts, checking a large file,
loading a large CSV of facts.

Usage: ``python bench/front_end.py [--facts 100000] [--rows 1000000] [--runs 3]``

Measured (CPU seconds, median of ``--runs``):

* ``parse``: ``assess.syntax.parser.parse`` of FACTS ground facts
  ``edge(I, J).`` (random integers, one per line), in this process;
  ``parse_general``, the general LALR parser alone on the same text (one
  run); clingo's parser on the same text (``Control.add``, no grounding);
* ``check``: ``assess check`` of that file, the whole process;
* ``load``: ``assess check`` of a program that loads ROWS rows of a CSV as
  ``edge/2`` (``load "edges.csv" as edge/2.``), the whole process, with its
  peak memory.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _cpu(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _process(command: list[str], runs: int) -> tuple[float, float]:
    """Median CPU seconds of the whole process, and its peak RSS in MB."""
    times, peak = [], 0.0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, capture_output=True, env=env, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        peak = max(peak, after.ru_maxrss / 1024)
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from assess.syntax.parser import parse, parse_general

    rng = random.Random(1)
    n = args.facts
    text = "".join(f"edge({rng.randrange(n)}, {rng.randrange(n)}).\n" for _ in range(n))
    parse("a.")  # the grammar loaded outside the timing
    fast = _cpu(lambda: parse(text), args.runs)
    general = _cpu(lambda: parse_general(text), 1)
    print(f"| parse, {n:,} facts | {fast:.2f} s | {n / fast:,.0f} facts/s |")
    print(f"| parse_general (LALR alone) | {general:.2f} s | {n / general:,.0f} facts/s |")
    if importlib.util.find_spec("clingo"):
        import clingo

        def clingo_parse() -> None:
            clingo.Control(["--warn=none"]).add("base", [], text)

        took = _cpu(clingo_parse, args.runs)
        print(f"| clingo's parser (Control.add) | {took:.2f} s | {n / took:,.0f} facts/s |")
    with tempfile.TemporaryDirectory() as folder:
        facts = Path(folder) / "facts.assess"
        facts.write_text(text, encoding="utf-8")
        cpu, peak = _process([sys.executable, "-m", "assess", "check", str(facts)], args.runs)
        print(f"| assess check, {n:,} facts (whole process) | {cpu:.2f} s | {peak:.0f} MB |")
        rows = args.rows
        table = Path(folder) / "edges.csv"
        with table.open("w", encoding="utf-8") as out:
            for _ in range(rows):
                out.write(f"{rng.randrange(rows)},{rng.randrange(rows)}\n")
        program = Path(folder) / "load.assess"
        program.write_text('load "edges.csv" as edge/2.\n', encoding="utf-8")
        cpu, peak = _process([sys.executable, "-m", "assess", "check", str(program)], 1)
        print(f"| assess check, load of {rows:,} CSV rows (whole process) | {cpu:.2f} s "
              f"| {peak:.0f} MB |")


if __name__ == "__main__":
    main()
