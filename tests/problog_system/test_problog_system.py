"""ProbLog's own system tests (``programs/``, see ``NOTICE``), run unchanged.

``manifest.txt`` says what each program must give: ``pass`` (its answers are
its ``%Expected outcome:`` block, to the precision written there, and a live
ProbLog run of it, to 1e-9) or ``refused CODE`` (``assess`` refuses it with
that code, at a line of the program: a construct it does not accept, or an
error ProbLog expects too). Anything else fails: a wrong answer, a refusal
with another code, a traceback; so does a program the manifest does not list,
and a refusal that starts passing (the manifest is then updated).

``python -m tests.problog_system.test_problog_system`` prints the manifest
the programs give today, with the count passing.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from problog import get_evaluatable
from problog.program import PrologFile

import assess
from assess.diagnostics import AssessError

HERE = Path(__file__).parent
PROGRAMS = sorted((HERE / "programs").glob("*.pl"))
MANIFEST = HERE / "manifest.txt"
LIVE_TOLERANCE = 1e-9


_VARIABLE = re.compile(r"(?<![A-Za-z0-9_'])[A-Z_][A-Za-z0-9_]*")


def key(answer: str) -> str:
    """An answer's text without white space and with each variable written
    ``_`` (an unbound variable of a non-ground query: ProbLog names it ``X4``)."""
    return _VARIABLE.sub("_", re.sub(r"\s", "", answer))


@dataclass(frozen=True)
class Expected:
    """A program's written outcome: answers (text -> probability, as
    written), or the name of the error ProbLog raises."""

    answers: dict[str, str]
    error: str | None = None


def expected(path: Path) -> Expected:
    """The ``%Expected outcome:`` block and ``% outcome:`` comments, read as
    ProbLog's ``test_system.read_result`` reads them."""
    answers: dict[str, str] = {}
    reading = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("%Expected outcome:"):
            reading = True
        elif reading:
            if line.lower().startswith("% error"):
                return Expected({}, line[len("% error"):].strip())
            if line.startswith("% "):
                query, probability = line[2:].rsplit(None, 1)
                answers[key(query)] = probability
            else:
                reading = False
        if line.startswith("query(") and "% outcome:" in line:
            position = line.find("% outcome:")
            query = line[6:position].strip().rstrip(".").rstrip()[:-1]
            answers[key(query)] = line[position + 10:].strip()
    return Expected(answers)


def _precision(written: str) -> float:
    """Half a unit in the last place written: ``0.598`` is 0.598 ± 0.0005."""
    mantissa, _, exponent = written.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return max(0.5 * 10.0 ** (-decimals) * 10.0 ** int(exponent or 0), 1e-12)


def outcome(path: Path) -> dict[str, float] | AssessError:
    """Our answers to ``path`` (by ``key``), or the refusal."""
    try:
        loaded = assess.load(texts={path.name: path.read_text(encoding="utf-8")})
        return {key(a.text): a.probability for a in loaded.prob().answers}
    except AssessError as exc:
        return exc


def manifest() -> dict[str, tuple[str, str | None]]:
    """program -> ("pass", None) or ("refused", code)."""
    found = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        line = line.partition("#")[0].strip()
        if line:
            name, verdict, *code = line.split()
            found[name] = (verdict, code[0] if code else None)
    return found


MANIFEST_ENTRIES = manifest()


def test_the_manifest_lists_every_program() -> None:
    assert sorted(MANIFEST_ENTRIES) == [p.name for p in PROGRAMS]


def test_no_program_is_refused_as_a_generic_syntax_error() -> None:
    assert [n for n, (_, code) in MANIFEST_ENTRIES.items() if code == "syntax_error"] == []


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_program(path: Path) -> None:
    verdict, code = MANIFEST_ENTRIES[path.name]
    got = outcome(path)
    if verdict == "refused":
        assert isinstance(got, AssessError), f"answered, not refused with {code}: {got}"
        diagnostic = got.diagnostics[0]
        assert diagnostic.code == code, diagnostic
        # A refused construct is located; an error ProbLog raises too may be
        # the whole program's (evidence that cannot hold).
        located = diagnostic.span is not None and diagnostic.span.line > 0
        assert located or expected(path).error is not None, diagnostic
        return
    assert not isinstance(got, AssessError), got.diagnostics
    written = expected(path)
    assert written.error is None and got.keys() == written.answers.keys()
    off = {q: (got[q], p) for q, p in written.answers.items()
           if abs(got[q] - float(p)) > _precision(p)}
    assert off == {}
    result = get_evaluatable().create_from(PrologFile(str(path))).evaluate()
    live = {key(str(k)): float(v) for k, v in result.items()}
    assert got.keys() == live.keys()
    assert {q: (got[q], p) for q, p in live.items() if abs(got[q] - p) > LIVE_TOLERANCE} == {}


def _verdict(path: Path) -> str:
    got = outcome(path)
    if isinstance(got, AssessError):
        written = expected(path)
        why = f"  # ProbLog: {written.error}" if written.error else ""
        return f"refused {got.diagnostics[0].code}{why}"
    return "pass"


def main() -> None:
    lines = [f"{p.name:40} {_verdict(p)}" for p in PROGRAMS]
    counts = Counter(line.split()[1] for line in lines)
    print(f"# {counts['pass']} of {len(lines)} pass", file=sys.stderr)
    print("\n".join(lines))


if __name__ == "__main__":
    main()

