"""Where names are written (``assess.lsp.index``) and which files go
together (``assess.lsp.project``), read without the protocol."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from assess.lsp.index import LABEL, PREDICATE, SOURCE, occurrences
from assess.lsp.project import Project
from assess.syntax.parser import parse

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["assess.lsp.index", "assess.lsp.project", "assess.lsp.hover",
                                  "assess.lsp.complete"])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0


def parsable() -> list[Path]:
    found = []
    for path in sorted(REPO.rglob("*.assess")):
        if any(part.startswith(".") for part in path.relative_to(REPO).parts):
            continue
        try:
            parse(path.read_text(encoding="utf-8"), str(path))
        except Exception:
            continue
        found.append(path)
    return found


@pytest.mark.parametrize("path", parsable(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_occurrence_spells_its_name(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for o in occurrences(parse(text, str(path)), text):
        line = lines[o.span.line - 1]
        assert line[o.span.column - 1: o.span.end_column - 1] == o.name, o


def kinds(text: str) -> list[tuple[str, str, int, bool]]:
    return [(o.kind, o.name, o.span.column, o.definition)
            for o in occurrences(parse(text, "f.assess"), text)]


def test_each_statement_names_what_it_names() -> None:
    assert kinds('source by "B" reliability B derived_from by.') == [
        (SOURCE, "by", 8, True), (SOURCE, "by", 42, False)]
    assert kinds("[by] 0.5::by :- report(by).") == [
        (LABEL, "by", 2, True), (PREDICATE, "by", 11, True), (PREDICATE, "report", 17, False)]
    assert kinds("[a] > [b].") == [(LABEL, "a", 2, False), (LABEL, "b", 8, False)]
    assert kinds('hypothesis h(x) "H".') == [(PREDICATE, "h", 12, True)]
    assert kinds("competing when: a, b.") == [
        (PREDICATE, "a", 17, False), (PREDICATE, "b", 20, False)]
    assert kinds("conflict p, q.") == [(PREDICATE, "p", 10, False), (PREDICATE, "q", 13, False)]
    assert kinds('report ~by(by) by by credibility 2 "by".') == [
        (PREDICATE, "by", 9, True), (SOURCE, "by", 19, False)]


def test_scenario_items_are_read() -> None:
    text = ('scenario "s" {\n  drop source isw.\n  drop x by isw.\n'
            "  expect why(h) cites isw.\n  expect h is likely.\n}")
    found = [(o.kind, o.name, o.span.line, o.span.column)
             for o in occurrences(parse(text, "f"), text)]
    assert found == [
        (SOURCE, "isw", 2, 15), (PREDICATE, "x", 3, 8), (SOURCE, "isw", 3, 13),
        (PREDICATE, "h", 4, 14), (SOURCE, "isw", 4, 23), (PREDICATE, "h", 5, 10)]


def test_names_in_comments_strings_and_quoted_symbols_are_not_names() -> None:
    text = "p('q r') :- /* q */ e. % q\nreport e by s credibility 2 \"q\"."
    assert [o.name for o in occurrences(parse(text, "f"), text)] == ["p", "e", "e", "s"]


def test_the_group_of_a_ruleset_is_its_evidence_and_what_loads_them(tmp_path: Path) -> None:
    (tmp_path / "rules.assess").write_text('source s "S" reliability B.\n')
    (tmp_path / "e.assess").write_text(
        "% check with: rules.assess\nreport x by s credibility 2.\n")
    (tmp_path / "t.assess").write_text('load "rules.assess".\n')
    (tmp_path / "other.assess").write_text('source s "S" reliability C.\n')
    project = Project([str(tmp_path)])
    rules = str(tmp_path / "rules.assess")
    assert [Path(p).name for p in project.group(rules)] == ["e.assess", "rules.assess",
                                                           "t.assess"]
    assert project.readings(rules) == [[rules]]
    project.open(str(tmp_path / "e.assess"), (tmp_path / "e.assess").read_text())
    assert project.readings(rules) == [[rules, str(tmp_path / "e.assess")]]
    assert sorted((Path(o.span.file).name, o.span.line, o.definition)
                  for o in project.names(rules) if o.name == "s") == [
        ("e.assess", 2, False), ("rules.assess", 1, True)]


def test_a_half_typed_file_keeps_its_last_names(tmp_path: Path) -> None:
    project = Project([str(tmp_path)])
    path = str(tmp_path / "f.assess")
    project.open(path, 'source s "S" reliability B.\n')
    assert [o.name for o in project.names(path)] == ["s"]
    project.open(path, 'source s "S" reliability B.\nreport x by ')
    parsed = project.parsed(path)
    assert parsed is not None and parsed.program is None
    assert [o.name for o in project.names(path)] == ["s"]
    assert [d.code for d in project.diagnostics(path)] == ["syntax_error"]
