"""Imports go one way: syntax → check → engine → semantics → explain, then
the face (``assess.api``), the command line and the renderers.

No module below the face imports ``assess.api``, ``assess.cli`` or
``assess.render``; the command line reaches every reading through the
face; the renderers read results, so from ``semantics`` they
import only the modules that define result types, never its machinery
(grounding, compilation, diagrams, contraries). Read from the source with
``ast``, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "assess"
BELOW_THE_FACE = ("syntax", "check", "engine", "semantics", "explain", "analysis", "scenarios")
FACE = ("assess.api", "assess.cli", "assess.lsp", "assess.render")
RESULT_MODULES = {
    "assess.semantics.crisp",
    "assess.semantics.defeasible.answers",
    "assess.semantics.prob.formula",
    "assess.semantics.prob.infer",
    "assess.semantics.prob.model",
}
"""The semantics modules whose result types (answers) renderers may read."""


def imports(path: Path) -> list[str]:
    """Every module ``path`` imports, absolute, wherever the import stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def _is_under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


@pytest.mark.parametrize("folder", BELOW_THE_FACE)
def test_nothing_below_the_face_imports_it(folder: str) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in _modules(folder)
        for module in imports(path)
        if any(_is_under(module, face) for face in FACE)
    ]
    assert not wrong, "\n".join(wrong)


def test_renderers_read_results_not_semantics_internals() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in _modules("render")
        for module in imports(path)
        if (_is_under(module, "assess.semantics") and module not in RESULT_MODULES)
        or _is_under(module, "assess.engine")
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("folder", ["cli", "lsp"])
def test_the_command_line_reads_through_the_face(folder: str) -> None:
    """Every reading and explanation a command prints, or the language server
    shows, comes through ``assess.api``: neither imports anything from
    engine, semantics or explain."""
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in _modules(folder)
        for module in imports(path)
        if any(_is_under(module, f"assess.{s}") for s in ("engine", "semantics", "explain"))
    ]
    assert not wrong, "\n".join(wrong)


LAYERS = (
    ("codes", "diagnostics", "results", "syntax", "progress"),
    ("workspace",),
    ("analysis",),
    ("graphs",),
    ("check",),
    ("engine",),
    ("semantics",),
    ("explain",),
    ("scenarios", "interop"),
    ("api", "conformance"),
    ("render",),
    # The language server sits beside the command line: ``cli/lsp.py`` starts it.
    ("lsp", "cli", "pytest_plugin", "__init__", "__main__"),
)
"""The stages in order, as the README's layout draws them: a module imports
only its own stage's and earlier stages' modules."""
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_import_points_to_an_earlier_stage() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        mine = _stage(".".join(relative.parts))
        for module in imports(path):
            if module.startswith("assess.") and RANK[_stage(module)] > RANK[mine]:
                wrong.append(f"{relative} ({mine}) imports {module} ({_stage(module)})")
    assert not wrong, "\n".join(wrong)


def test_every_stage_is_placed() -> None:
    stages = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
              if p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())}
    assert stages == set(RANK)


def test_the_check_catches_an_upward_import(tmp_path: Path) -> None:
    """The reader sees imports anywhere in a module, so the test above can fail."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from assess.api import load\n    return load\n")
    assert imports(module) == ["assess.api"]
