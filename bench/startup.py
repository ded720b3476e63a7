"""Start-up: whole-process CPU time of small commands, median of ``--runs``.

Usage: ``python bench/startup.py [--runs 7] [--workloads ../shared/workloads/workloads.py]``

``assess --version``, ``assess check`` and ``assess run`` on the 3×4 grid
(``workloads.py grid_dag 4``), ``python -m problog`` on the same program,
and ``python -c pass`` (the interpreter alone).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def cpu(command: list[str], runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, capture_output=True, env=env, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--workloads", type=Path, default=REPO.parent / "shared" / "workloads" / "workloads.py"
    )
    args = parser.parse_args()
    text = subprocess.run(
        [sys.executable, str(args.workloads), "grid_dag", "4"], capture_output=True, text=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "grid.assess"
        path.write_text(text, encoding="utf-8")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "assess --version": [sys.executable, "-m", "assess", "--version"],
            "assess check (3×4 grid)": [sys.executable, "-m", "assess", "check", str(path)],
            "assess run (3×4 grid)": [sys.executable, "-m", "assess", "run", str(path)],
            "problog (3×4 grid)": [sys.executable, "-m", "problog", str(path)],
        }
        print("| command | CPU (median) |\n|---|---:|")
        for name, command in commands.items():
            print(f"| {name} | {cpu(command, args.runs):.3f} s |", flush=True)


if __name__ == "__main__":
    main()
