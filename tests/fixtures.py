"""Fixtures that carry their answers: one format, read here once.

A fixture is an ``.assess`` file under ``tests/`` that states, in comment
lines, what the project must answer for it. Answers come in blocks::

    % Expected outcome (crisp, prob):
    % path(a,d)  true
    % path(d,a)  false

A block opens with ``% Expected outcome (READING, …):`` and holds one
``% ATOM  VALUE`` line per answer, up to the first line that is not a
comment with text (or that opens something else). One block may serve
several readings; a reading is stated by one block at most. Each reading
runs on every backend it has, unless one is named after it (``crisp
pydatalog``):

* ``crisp``: ``Assessment.crisp`` on the engines ``native``,
  ``pydatalog``, ``duckdb`` and ``postgres`` (skipped without a server,
  ``tests/sql_servers.py``). VALUE is ``true`` or ``false``; the answers in order.
* ``prob``: ``Assessment.prob`` (``native``). VALUE is a probability, to
  1e-9; the atoms answered are exactly those listed. ``true``/``false``
  lines, for a certain program, say that the atoms marked true are exactly
  those of probability 1 and every other answer is 0. A bare
  ``% Expected outcome:`` (ProbLog writes ``%Expected outcome:``) is
  ``prob``, so ProbLog's own test programs read unchanged.
* ``defeasible``: ``Assessment.defeasible`` under the ambiguity policies
  ``blocking`` and ``propagating``. VALUE is a status (``definitely
  provable``, ``defeasibly provable``, ``contested``, ``not provable``);
  the answers in order.

Static findings are written next to what they name: ``% expect: CODE
LINE:COL`` says that ``assess check`` reports CODE at that place, and
``% expect: no findings`` that it reports nothing. Such a fixture (reading
``check``) is held to exactly its findings, one line for each (two findings
at one place are two lines), except that tradecraft warnings, which judge
the argument map rather than the program, count only where the fixture
expects one of them or expects no findings at all.

A line ``% xfail (READING [BACKEND]): why`` marks that reading's cases as
expected failures (strict: one that starts passing fails the run).

Example::

    >>> text = "p. query(p).\\n% Expected outcome (crisp native, prob):\\n% p  true\\n"
    >>> [(c.reading, c.backend, c.expected) for c in read(Path("t.assess"), text)]
    [('crisp', 'native', (('p', 'true'),)), ('prob', 'native', (('p', 'true'),))]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import assess
from tests.cli.cli_runner import run

TESTS = Path(__file__).resolve().parent
BACKENDS = {
    "crisp": ("native", "pydatalog", "duckdb", "postgres"),
    "prob": ("native",),
    "defeasible": ("blocking", "propagating"),
}
TRUTH = ("true", "false")
STATUSES = ("definitely provable", "defeasibly provable", "contested", "not provable")
TRADECRAFT = frozenset({
    "unused_indicator",
    "unreachable_hypothesis",
    "no_disconfirming_indicator",
    "non_diagnostic_indicator",
    "single_source_hypothesis",
})
NO_FINDINGS = "no findings"

HEADER = re.compile(r"%\s?Expected outcome(?: \((?P<readings>[^)]*)\))?:\s*")
ANSWER = re.compile(r"%\s*(?P<atom>\S.*?)\s+(?P<value>[-+.\w]+|\w+ provable)\s*")
EXPECT = re.compile(r"%\s*expect:\s*(?P<rest>.*?)\s*$")
FINDING = re.compile(r"(?P<code>[a-z_]+)\s+(?P<line>\d+):(?P<column>\d+)")
XFAIL = re.compile(r"%\s*xfail \((?P<readings>[^)]*)\):\s*(?P<why>\S.*)")
STATES = re.compile(r"%\s*(?:Expected outcome|expect:)")


class FixtureError(Exception):
    """A fixture's answers cannot be read: ``file:line: what is wrong``."""


@dataclass(frozen=True)
class Case:
    """One fixture under one reading on one backend, with its expected answers.

    ``expected`` is ``(atom, value)`` per answer line, or ``(code,
    "line:col")`` per finding under ``check``; ``xfail`` says why it fails.
    """

    fixture: Path
    reading: str
    backend: str
    expected: tuple[tuple[str, str], ...]
    xfail: str | None = None

    def __str__(self) -> str:
        """``semantics/prob/fixtures/coins:crisp:pydatalog``, the test's id."""
        name = self.fixture.with_suffix("")
        if name.is_relative_to(TESTS):
            name = name.relative_to(TESTS)
        return ":".join(filter(None, (str(name), self.reading, self.backend)))


def _readings(spec: str | None, where: str) -> list[tuple[str, str]]:
    """``"crisp, defeasible blocking"`` -> every (reading, backend) it names."""
    found: list[tuple[str, str]] = []
    for part in (spec or "prob").split(","):
        reading, *backend = part.split() or [""]
        known = BACKENDS.get(reading, ())
        if not known or len(backend) > 1 or not set(backend) <= set(known):
            raise FixtureError(f"{where}: unknown reading {part.strip()!r}")
        found.extend((reading, b) for b in (backend or known))
    return found


def _is_probability(value: str) -> bool:
    try:
        return 0.0 <= float(value) <= 1.0
    except ValueError:
        return False


def _check_values(readings: list[tuple[str, str]], answers: list[tuple[str, str]],
                  where: str) -> None:
    """Every reading of a block can read every value of it."""
    values = {value for _, value in answers}
    if not answers:
        raise FixtureError(f"{where}: a block with no answers")
    for reading, _ in readings:
        if reading == "crisp" and not values <= set(TRUTH):
            raise FixtureError(f"{where}: crisp answers are true or false")
        if reading == "defeasible" and not values <= set(STATUSES):
            raise FixtureError(f"{where}: defeasible answers are one of {', '.join(STATUSES)}")
        if reading == "prob" and not (values <= set(TRUTH) or all(map(_is_probability, values))):
            raise FixtureError(f"{where}: prob answers are all probabilities or all true/false")


def _in_block(line: str) -> bool:
    """Whether ``line`` continues an answer block: a comment with text that
    opens nothing else."""
    return (line.startswith("%") and bool(line.strip("% \t"))
            and not any(p.fullmatch(line) for p in (HEADER, EXPECT, XFAIL)))


def _blocks(
    path: Path, lines: list[str]
) -> list[tuple[tuple[str, str], list[tuple[str, str]]]]:
    """Each block's answers, once for every (reading, backend) it names."""
    found = []
    for number, line in enumerate(lines, 1):
        header = HEADER.fullmatch(line)
        if not header:
            continue
        answers = []
        for offset, text in enumerate(lines[number:], number + 1):
            if not _in_block(text):
                break
            answer = ANSWER.fullmatch(text)
            if not answer:
                raise FixtureError(f"{path}:{offset}: not '% ATOM  VALUE': {text!r}")
            answers.append((answer["atom"], answer["value"]))
        readings = _readings(header["readings"], f"{path}:{number}")
        _check_values(readings, answers, f"{path}:{number}")
        found.extend((r, answers) for r in readings)
    return found


def stated_findings(path: Path, text: str) -> tuple[tuple[str, str], ...] | None:
    """The ``% expect:`` findings, sorted; None when the fixture states none."""
    lines = text.splitlines()
    found: list[tuple[str, str]] = []
    nothing = False
    for number, line in enumerate(lines, 1):
        expect = EXPECT.search(line)
        finding = expect and FINDING.fullmatch(expect["rest"])
        if finding:
            found.append((finding["code"], f"{finding['line']}:{finding['column']}"))
        elif expect and expect["rest"] == NO_FINDINGS:
            nothing = True
        elif expect:
            raise FixtureError(f"{path}:{number}: not '% expect: CODE LINE:COL': {line!r}")
    if found and nothing:
        raise FixtureError(f"{path}: expects findings and {NO_FINDINGS}")
    return tuple(sorted(found)) if found or nothing else None


def _xfails(path: Path, lines: list[str]) -> dict[tuple[str, str], str]:
    """(reading, backend) -> why it is known to fail."""
    marked = {}
    for number, line in enumerate(lines, 1):
        xfail = XFAIL.fullmatch(line)
        if xfail:
            for key in _readings(xfail["readings"], f"{path}:{number}"):
                marked[key] = xfail["why"]
    return marked


def read(path: Path, text: str) -> list[Case]:
    """The cases that ``text``, the fixture at ``path``, states."""
    lines = text.splitlines()
    answers: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key, block in _blocks(path, lines):
        if key in answers:
            raise FixtureError(f"{path}: two blocks for {' '.join(key)}")
        answers[key] = block
    xfails = _xfails(path, lines)
    if set(xfails) - set(answers):
        raise FixtureError(f"{path}: xfail for a reading without answers")
    found = [
        Case(path, reading, backend, tuple(answers[reading, backend]),
             xfails.get((reading, backend)))
        for reading, backends in BACKENDS.items()
        for backend in backends
        if (reading, backend) in answers
    ]
    findings = stated_findings(path, text)
    if findings is not None:
        found.append(Case(path, "check", "", findings))
    return found


def fixtures(root: Path = TESTS) -> list[Path]:
    """Every ``.assess`` file under ``root`` that states answers or findings."""
    return sorted(p for p in root.rglob("*.assess") if STATES.search(p.read_text("utf-8")))


def cases(root: Path = TESTS) -> list[Case]:
    """Every case of every fixture under ``root``."""
    return [case for path in fixtures(root) for case in read(path, path.read_text("utf-8"))]


def outcome(case: Case) -> list[tuple[str, str | float]]:
    """What the project answers for ``case``, through the public API and the CLI:
    ``(atom, "true"/"false" | probability | status)`` per answer in order, or
    ``(code, "line:col")`` per finding, sorted."""
    if case.reading == "check":
        checked = run("check", "--format", "json", str(case.fixture))
        assert checked.code in (0, 1), checked.output
        document = json.loads(checked.stdout)["diagnostics"]
        return sorted((f["code"], f"{f['line']}:{f['column']}") for f in document)
    loaded = assess.load(str(case.fixture))
    if case.reading == "crisp":
        answers = loaded.crisp(engine=case.backend).answers
        return [(a.text, "true" if a.holds else "false") for a in answers]
    if case.reading == "prob":
        return [(a.text, a.probability) for a in loaded.prob().answers]
    return [(a.text, a.status) for a in loaded.defeasible(ambiguity=case.backend).answers]
