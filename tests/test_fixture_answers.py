"""Every fixture gives its stated answers under every reading and backend it states.

The format and how each reading is compared are in ``tests/fixtures.py``.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import assess
import tests.fixtures
from tests.fixtures import TESTS, TRADECRAFT, Case, FixtureError, cases, fixtures, outcome, read
from tests.sql_servers import need

CASES = cases()
TOLERANCE = 1e-9


def _compare_prob(case: Case, got: list[tuple[str, str | float]]) -> None:
    found = {atom: float(p) for atom, p in got}
    if {value for _, value in case.expected} <= {"true", "false"}:
        assert found.keys() == {atom for atom, _ in case.expected}  # false ones too, at 0
        certain = {atom for atom, p in found.items() if abs(p - 1) <= TOLERANCE}
        assert certain == {atom for atom, value in case.expected if value == "true"}
        assert {a: p for a, p in found.items() if a not in certain and p > TOLERANCE} == {}
        return
    wanted = {atom: float(value) for atom, value in case.expected}
    assert found.keys() == wanted.keys()
    assert {a: (p, wanted[a]) for a, p in found.items() if abs(p - wanted[a]) > TOLERANCE} == {}


def _compare_check(case: Case, got: list[tuple[str, str | float]]) -> None:
    codes = {code for code, _ in case.expected}
    judged = not case.expected or codes & TRADECRAFT
    assert [f for f in got if judged or f[0] not in TRADECRAFT] == list(case.expected)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_fixture_answers(case: Case, request: pytest.FixtureRequest) -> None:
    if case.xfail:
        request.applymarker(pytest.mark.xfail(reason=case.xfail, strict=True))
    if case.reading == "crisp":
        need(case.backend)
    got = outcome(case)
    if case.reading == "prob":
        _compare_prob(case, got)
    elif case.reading == "check":
        _compare_check(case, got)
    else:
        assert got == list(case.expected)


FOLDERS = ("semantics/fixtures/crisp", "semantics/prob/fixtures", "semantics/prob/fixtures_terms",
           "semantics/defeasible/fixtures",
           "check/fixtures", "check/fixtures/tradecraft")


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_file_of_a_fixture_folder_states_its_answers(folder: str) -> None:
    paths = sorted((TESTS / folder).glob("*.assess"))
    assert paths and set(paths) <= set(fixtures())


def test_every_fixture_states_a_case() -> None:
    assert all(read(path, path.read_text("utf-8")) for path in fixtures())


def test_a_check_fixture_is_named_after_what_it_expects() -> None:
    for case in CASES:
        if case.reading == "check":
            codes = {code for code, _ in case.expected}
            stem = case.fixture.stem
            assert (stem == "clean" and not codes) or stem in codes, case


def test_a_certain_fixture_states_its_probabilities() -> None:
    """Where nothing is uncertain prob has one world to read: its answers are
    stated beside the crisp or defeasible ones (1 and 0), so they are checked."""
    readings: dict[Path, set[str]] = {}
    for case in CASES:
        readings.setdefault(case.fixture, set()).add(case.reading)
    for path, stated in readings.items():
        if stated & {"crisp", "defeasible"} and "prob" not in stated:
            assert assess.load(str(path)).prob().model.inputs, f"{path} is certain"


MALFORMED = {
    "unknown reading 'crsp'": "% Expected outcome (crsp):\n% p  true\n",
    "unknown reading 'crisp exact'": "% Expected outcome (crisp exact):\n% p  true\n",
    "crisp answers are true or false": "% Expected outcome (crisp):\n% p  0.5\n",
    "all probabilities or all": "% Expected outcome (prob):\n% p  0.5\n% q  true\n",
    "defeasible answers are one of": "% Expected outcome (defeasible):\n% p  true\n",
    "a block with no answers": "% Expected outcome (prob):\np.\n",
    "t.assess:2: not '% ATOM  VALUE'": "% Expected outcome (prob):\n% p\n",
    "t.assess:1: not '% expect: CODE LINE:COL'": "p.  % expect: unsafe_variable 3\n",
    "and no findings": "% expect: no findings\n% expect: unsafe_variable 1:1\n",
    "xfail for a reading without answers": "% xfail (crisp): not yet\n",
    "two blocks for crisp native":
        "% Expected outcome (crisp):\n% p  true\n% Expected outcome (crisp native):\n% p  false\n",
}


@pytest.mark.parametrize("message", MALFORMED)
def test_the_loader_refuses_what_it_cannot_read(message: str) -> None:
    with pytest.raises(FixtureError, match=re.escape(message)):
        read(Path("t.assess"), MALFORMED[message])


def test_a_block_runs_on_every_backend_of_its_readings() -> None:
    text = (
        "%Expected outcome:\n% q  0.25\n"
        "% Expected outcome (crisp):\n% p(a, 'b c')  true\n"
        "% Expected outcome (defeasible):\n% p(a, 'b c')  contested\n"
        "% xfail (defeasible blocking): the reason\n"
        "query(p).  % expect: unsafe_variable 9:12\n"
    )
    found = [(c.reading, c.backend, c.expected, c.xfail) for c in read(Path("t.assess"), text)]
    truth, status = (("p(a, 'b c')", "true"),), (("p(a, 'b c')", "contested"),)
    assert found == [
        ("crisp", "native", truth, None),
        ("crisp", "pydatalog", truth, None),
        ("crisp", "duckdb", truth, None),
        ("crisp", "postgres", truth, None),
        ("prob", "native", (("q", "0.25"),), None),
        ("defeasible", "blocking", status, "the reason"),
        ("defeasible", "propagating", status, None),
        ("check", "", (("unsafe_variable", "9:12"),), None),
    ]


def test_the_loader_docstring() -> None:
    assert doctest.testmod(tests.fixtures).failed == 0
