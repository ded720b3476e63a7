"""The compatibility corpus (``compat/*.pl``): ProbLog programs written for
this project in the style of ProbLog's tutorial, one construct of the
fragment a file (fractions as weights, flexible probabilities, ``<-``,
built-ins, ``;`` in bodies, negated evidence and queries, term equality of
numbers and strings, arithmetic). Each carries ProbLog's answers in a
``% Expected outcome (prob):`` block (``tests/fixtures.py``); our answers
equal them and a live ProbLog run of the same text, to 1e-9.

They are ``.pl`` files, not ``.assess``, because they are kept as ProbLog
writes them (``<-``, ``1/6::``, ``evidence(\\+ a)``), which ``assess fmt``
would rewrite.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from problog import get_evaluatable
from problog.program import PrologString

import assess
from tests.fixtures import read

CORPUS = sorted((Path(__file__).parent / "compat").glob("*.pl"))
TOLERANCE = 1e-9


def test_the_corpus_is_there() -> None:
    assert len(CORPUS) >= 9


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_corpus_program(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    (case,) = [c for c in read(path, text) if c.reading == "prob"]
    got = {a.text: a.probability for a in assess.load(texts={path.name: text}).prob().answers}
    stated = {atom: float(value) for atom, value in case.expected}
    assert got.keys() == stated.keys()
    assert {a: (p, stated[a]) for a, p in got.items() if abs(p - stated[a]) > TOLERANCE} == {}
    result = get_evaluatable().create_from(PrologString(text)).evaluate()
    live = {str(k).replace(" ", ""): float(v) for k, v in result.items()}
    assert got.keys() == live.keys()
    assert {a: (p, live[a]) for a, p in got.items() if abs(p - live[a]) > TOLERANCE} == {}
