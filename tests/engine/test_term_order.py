"""The derivation graph is numbered the same in every process, also where
two different terms compare as equal (``a`` and ``"a"``, ``1`` and ``1.0``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[2]
PROGRAM = (" ".join(f'p({c}). p("{c}").' for c in "abcdefgh")
           + " ".join(f"n({i}). n({i}.0)." for i in range(8))
           + " 0.5::q(X) :- p(X). 0.5::r(X) :- n(X). query(q(X)). query(r(X)).")
SCRIPT = (
    "import sys, assess\n"
    "c = assess.load(texts={'t.assess': sys.argv[1]}).compile()\n"
    "print([str(a) for a in c.graph.atoms], [a.text for a in c.answers()])\n"
)


def test_graph_order_does_not_depend_on_string_hashing() -> None:
    printed = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, PROGRAM], capture_output=True, text=True,
            timeout=120, check=True,
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed},
        )
        printed.add(done.stdout)
    assert len(printed) == 1, printed
