"""The catalogue of codes is complete, and README.md prints it.

The source is scanned rather than run, so that a path no test reaches
cannot hide an uncatalogued code: every string passed as a code to
``error``, ``warning``, ``Diagnostic``, ``InputError`` or a helper that
forwards its ``code`` argument to them is catalogued, and every catalogued
code is raised somewhere.
"""

from __future__ import annotations

import ast
import doctest
from collections.abc import Iterator
from pathlib import Path

import pytest

import assess
from assess import codes
from assess.codes import CODES, Severity, Topic
from assess.diagnostics import Diagnostic, UncataloguedCode, error, warning
from assess.interop.datalog import CODES as CORPUS_CODES
from assess.render import codes as render_codes
from assess.render.codes import marked_topics, with_tables

SOURCE = Path(assess.__file__).parent
README = SOURCE.parent / "README.md"

TAKES_CODE = {"error": 0, "warning": 0, "Diagnostic": 0, "InputError": 0, "_fail": 1, "_bad": 0,
              "unknown_name": 0, "Refused": 0}
"""Callables that take a code, and its position."""

FORWARDERS = {"error", "warning", "__init__", "_fail", "_bad", "unknown_name"}
"""Functions that pass their own ``code`` parameter on (their callers are scanned)."""

LOAD = ("assess/workspace.py", "load_")
"""``load_problems`` prefixes the code of the reading error it wraps."""


class _Codes(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.functions: list[str] = []
        self.found: list[tuple[str, int, object]] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in TAKES_CODE:
            position = TAKES_CODE[name]
            given = [k.value for k in node.keywords if k.arg == "code"]
            argument = node.args[position] if len(node.args) > position else given[0]
            self.found.append((self.path, node.lineno, self._code(argument)))
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if isinstance(node.left, ast.Attribute) and node.left.attr == "code":
            for right in node.comparators:
                self.found.append((self.path, node.lineno, self._code(right)))
        self.generic_visit(node)

    def _code(self, node: ast.expr) -> object:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name) and node.id == "code" and self.functions:
            return ("forwarded", self.functions[-1])
        if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
            return ("prefix", node.values[0].value)
        return ("unknown", ast.unparse(node))


def scanned() -> Iterator[tuple[str, int, object]]:
    for path in sorted(SOURCE.rglob("*.py")):
        visitor = _Codes(path.relative_to(SOURCE.parent).as_posix())
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        yield from visitor.found


def reading_codes() -> set[str]:
    return {
        code for path, _, code in scanned()
        if path == "assess/syntax/source.py" and isinstance(code, str)
    }


def test_every_code_in_the_source_is_catalogued() -> None:
    uncatalogued = [
        f"{path}:{line}: {code!r}"
        for path, line, code in scanned()
        if isinstance(code, str) and code not in CODES
    ]
    assert uncatalogued == []


def _passed_on(path: str, code: object) -> bool:
    """A code that is not a literal: a forwarder's parameter, or the load prefix."""
    return code in {("forwarded", f) for f in FORWARDERS} or (
        (path, code) == (LOAD[0], ("prefix", LOAD[1]))
    )


def test_a_code_that_is_not_a_literal_is_forwarded_or_the_load_prefix() -> None:
    odd = [
        f"{path}:{line}: {code!r}"
        for path, line, code in scanned()
        if not isinstance(code, str) and not _passed_on(path, code)
    ]
    assert odd == []


def test_every_catalogued_code_is_raised_somewhere() -> None:
    raised = {code for _, _, code in scanned() if isinstance(code, str)}
    raised |= {LOAD[1] + code for code in reading_codes()}
    assert set(CODES) - raised == set()


def test_the_load_codes_are_the_reading_codes_prefixed() -> None:
    assert {c.name for c in codes.READING} == reading_codes()
    assert {c for c in CODES if c.startswith(LOAD[1])} == {LOAD[1] + c for c in reading_codes()}


def test_the_conformance_runner_translates_catalogued_codes() -> None:
    assert set(CORPUS_CODES) <= set(CODES)


def test_an_uncatalogued_code_or_severity_is_refused_at_once() -> None:
    with pytest.raises(UncataloguedCode):
        error("no_such_code", None, "never")
    with pytest.raises(UncataloguedCode):
        warning("unsafe_variable", None, "an error, not a warning")
    with pytest.raises(UncataloguedCode):
        Diagnostic("singleton_variable", Severity.ERROR, None, "a warning, not an error")


def test_every_meaning_is_one_table_row() -> None:
    assert all("\n" not in c.meaning and "|" not in c.meaning for c in CODES.values())
    assert all(c.name.isidentifier() and c.name.islower() for c in CODES.values())


def test_readme_tables_are_the_catalogue() -> None:
    readme = README.read_text(encoding="utf-8")
    assert sorted(marked_topics(readme)) == sorted(Topic)
    assert with_tables(readme) == readme, "run: python tools/readme_codes.py"


@pytest.mark.parametrize("module", [codes, render_codes])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
