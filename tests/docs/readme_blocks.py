"""The code blocks of a Markdown page, and how to run each one as written.

A block is a fenced code block. It is an *illustration*, and is not run,
when the paragraph just before its opening fence says so with the words
``(illustration`` (``(illustration: a schema)``, ``(illustration)``), which
a reader sees too. Every other block must be in a language this module runs
(``RUNNABLE``), each from the root of a copy of the repository (a
``Sandbox``), where ``assess`` on the shell's path runs this checkout
(``python -m assess``):

* ``prolog``: a complete program. Saved at the copy's root, it passes
  ``assess check`` with no error (warnings are allowed); a program that
  holds a ``scenario`` then passes ``assess test``, any other exits 0 under
  ``assess run``. A file it ``load``s that the repository lacks is taken
  from ``NAMED_FILES`` (the README's ``reports.csv``).
* ``sh``: each line is a bash command that must exit 0; a line
  ``NAME=value`` sets a variable for the lines below it. Two commands are
  not run: ``pip install`` (the test runs the checkout itself; it checks
  instead that the project and the extras named exist) and ``python -m
  pytest`` (the suite this test is part of). Without Graphviz's ``dot``, a
  command asking for ``--format svg`` must give the documented refusal
  (exit 2, ``graphviz_missing``) instead.
* ``console``: each line starting with ``$`` is a command, the lines under
  it what it prints (stdout and stderr), which must match; ``…`` elides
  text: within a line any text of that line, on a line of its own any
  number of lines. The exit code must be 0 or 1 (1 is the answer "no",
  e.g. a failing scenario shown on purpose; 2 and 3 are never examples).
* ``python``: run as a doctest when it holds ``>>>``, else executed.

Each check raises ``AssertionError`` naming the README line that failed.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.cli.cli_runner import run

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
RUNNABLE = ("prolog", "sh", "console", "python")
ELLIPSIS = "…"

FENCE = re.compile(r"^(`{3,})\s*([\w+-]*)")
ILLUSTRATION = re.compile(r"\(illustration\b", re.IGNORECASE)
LOAD = re.compile(r"""^\s*load\s+"([^"]+)"\s*\.""", re.MULTILINE)
SCENARIO = re.compile(r"^\s*scenario\s", re.MULTILINE)
ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*=\S*$")
EXTRAS = re.compile(r"^(?P<path>[^\[\]]+)(?:\[(?P<extras>[^\]]*)\])?$")

NOT_RUN = ("pip install", "python -m pytest")
NAMED_FILES = {
    "reports.csv": (
        "indicator,arguments,source,credibility,date,quote\n"
        'no_sign_of_imminent_activity,,tass,3,2022-12-18,"No preparations for an offensive"\n'
    ),
}
"""Files the README's programs ``load`` that the repository does not hold."""


@dataclass(frozen=True)
class Block:
    """A fenced code block: its opening fence's line (from 1), language and text."""

    line: int
    lang: str
    text: str
    heading: str
    illustration: bool

    @property
    def name(self) -> str:
        return f"README.md:{self.line} ({self.lang or 'no language'}, {self.heading})"


def blocks(markdown: str) -> list[Block]:
    r"""Every fenced code block of ``markdown``, in order.

    >>> page = "# A\n\n```sh\nls\n```\n\nA shape (illustration):\n```json\n{}\n```\n"
    >>> [(b.line, b.lang, b.text, b.heading, b.illustration) for b in blocks(page)]
    [(3, 'sh', 'ls\n', 'A', False), (8, 'json', '{}\n', 'A', True)]
    """
    lines = markdown.splitlines()
    found: list[Block] = []
    heading = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = FENCE.match(line)
        if fence is None:
            if line.startswith("#"):
                heading = line.lstrip("#").strip()
            index += 1
            continue
        end = _closing(lines, index, fence[1])
        text = "".join(body + "\n" for body in lines[index + 1 : end])
        marked = ILLUSTRATION.search(_paragraph_before(lines, index)) is not None
        found.append(Block(index + 1, fence[2], text, heading, marked))
        index = end + 1
    return found


def _closing(lines: list[str], start: int, fence: str) -> int:
    for index in range(start + 1, len(lines)):
        if lines[index].strip() == fence:
            return index
    raise AssertionError(f"README.md:{start + 1}: the code block is never closed")


def _paragraph_before(lines: list[str], fence: int) -> str:
    """The paragraph that ends just above line ``fence`` (blank lines skipped)."""
    index = fence - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    paragraph: list[str] = []
    while index >= 0 and lines[index].strip() and not lines[index].startswith(("```", "#")):
        paragraph.insert(0, lines[index])
        index -= 1
    return " ".join(paragraph)


def unaccounted(found: list[Block]) -> list[str]:
    """Blocks that are neither runnable nor marked as illustrations."""
    return [b.name for b in found if not b.illustration and b.lang not in RUNNABLE]


def matches(expected: str, actual: str) -> bool:
    r"""Whether ``actual`` is ``expected`` with each ``…`` standing for elided text.

    >>> matches("a …\n…\nz", "a b c\nd\ne\nz\n")
    True
    >>> matches("a …\nz", "a b\nd\nz")
    False
    """
    pattern = "".join(_line_pattern(line) for line in _lines(expected))
    return re.fullmatch(pattern, "".join(line + "\n" for line in _lines(actual))) is not None


def _line_pattern(line: str) -> str:
    if line.strip() == ELLIPSIS:
        return r"(?:[^\n]*\n)*?"
    return r"[^\n]*?".join(re.escape(part) for part in line.split(ELLIPSIS)) + r"\n"


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


@dataclass(frozen=True)
class Sandbox:
    """A copy of the repository to run blocks in, and the shell's environment."""

    root: Path
    env: dict[str, str]

    @classmethod
    def create(cls, where: Path) -> Sandbox:
        root = where / "repository"
        shutil.copytree(REPO, root, ignore=_not_copied)
        tools = where / "bin"
        tools.mkdir()
        script = tools / "assess"
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m assess "$@"\n')
        script.chmod(0o755)
        path = os.pathsep.join([str(tools), os.environ.get("PATH", "")])
        python_path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
        return cls(root, {**os.environ, "PATH": path, "PYTHONPATH": python_path})

    def shell(self, script: str) -> tuple[int, str]:
        """Run ``script`` with bash from the copy's root: exit code, stdout and stderr."""
        done = subprocess.run(
            ["bash", "-c", script],
            cwd=self.root,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=600,
            check=False,
        )
        return done.returncode, done.stdout

    def has(self, tool: str) -> bool:
        return shutil.which(tool, path=self.env["PATH"]) is not None


def _not_copied(folder: str, names: list[str]) -> set[str]:
    return {
        name
        for name in names
        if name.startswith(".") or name in ("__pycache__", "build", "dist")
        or name.endswith(".egg-info")
    }


def run_block(block: Block, sandbox: Sandbox) -> None:
    """Run ``block`` as written; ``AssertionError`` says where and why it fails."""
    runners = {"prolog": run_prolog, "sh": run_sh, "console": run_console, "python": run_python}
    assert block.lang in runners, f"{block.name}: not runnable and not marked (illustration"
    runners[block.lang](block, sandbox)


def run_prolog(block: Block, sandbox: Sandbox) -> None:
    path = sandbox.root / f"readme_{block.line}.assess"
    path.write_text(block.text, encoding="utf-8")
    for name in LOAD.findall(block.text):
        target = path.parent / name
        if not target.exists():
            assert name in NAMED_FILES, f"{block.name}: loads {name}, which does not exist"
            target.write_text(NAMED_FILES[name], encoding="utf-8")
    checked = run("check", str(path))
    assert checked.code == 0, f"{block.name}: assess check exits {checked.code}\n{checked.output}"
    verb = "test" if SCENARIO.search(block.text) else "run"
    ran = run(verb, str(path))
    assert ran.code == 0, f"{block.name}: assess {verb} exits {ran.code}\n{ran.output}"


def run_sh(block: Block, sandbox: Sandbox) -> None:
    assignments: list[str] = []
    for number, line in enumerate(block.text.splitlines(), block.line + 1):
        command = line.strip()
        if not command or command.startswith("#"):
            continue
        if ASSIGNMENT.match(command):
            assignments.append(command)
            continue
        kept = [part.strip() for part in command.split("&&") if _is_run(part.strip(), sandbox)]
        if kept:
            _run_line(f"README.md:{number}: {command}", [*assignments, " && ".join(kept)], sandbox)


def _is_run(command: str, sandbox: Sandbox) -> bool:
    if command.startswith("pip install"):
        _check_install(command, sandbox.root)
    return not command.startswith(NOT_RUN)


def _check_install(command: str, root: Path) -> None:
    """``pip install TARGET…``: each target a project of the copy, with the extras named."""
    targets = [word for word in shlex.split(command)[2:] if not word.startswith("-")]
    assert targets, f"{command}: installs nothing"
    for target in targets:
        parts = EXTRAS.match(target)
        assert parts is not None, f"{command}: cannot read {target}"
        pyproject = root / parts["path"] / "pyproject.toml"
        assert pyproject.is_file(), f"{command}: no {pyproject.relative_to(root)}"
        project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        offered = project.get("optional-dependencies", {})
        for extra in filter(None, (parts["extras"] or "").split(",")):
            assert extra.strip() in offered, f"{command}: no extra [{extra}] in {pyproject.name}"


def _run_line(where: str, script: list[str], sandbox: Sandbox) -> None:
    code, output = sandbox.shell("\n".join(script))
    if "--format svg" in script[-1] and not sandbox.has("dot"):
        refused = code == 2 and "graphviz_missing" in output
        assert refused, f"{where}\nwithout Graphviz: exit {code}, not the refusal\n{output}"
        return
    assert code == 0, f"{where}\nexit {code}\n{output}"


def console_commands(block: Block) -> list[tuple[int, str, str]]:
    """Each ``$`` command of a console block: its line, the command, the output shown."""
    found: list[tuple[int, str, list[str]]] = []
    for number, line in enumerate(block.text.splitlines(), block.line + 1):
        if line.startswith("$ "):
            found.append((number, line[2:], []))
        else:
            assert found, f"README.md:{number}: output before any $ command"
            found[-1][2].append(line)
    assert found, f"{block.name}: a console block with no $ command"
    return [(number, command, "\n".join(shown)) for number, command, shown in found]


def run_console(block: Block, sandbox: Sandbox) -> None:
    for number, command, expected in console_commands(block):
        code, output = sandbox.shell(command)
        where = f"README.md:{number}: $ {command}"
        assert code in (0, 1), f"{where}\nexit {code}\n{output}"
        shown = f"--- README.md shows\n{expected}\n--- it prints\n{output}"
        assert matches(expected, output), f"{where}: the output differs\n{shown}"


def run_python(block: Block, sandbox: Sandbox) -> None:
    with contextlib.chdir(sandbox.root):
        if ">>>" not in block.text:
            try:
                exec(compile(block.text, block.name, "exec"), {"__name__": "__readme__"})
            except Exception as error:
                raise AssertionError(f"{block.name}: {error!r}") from error
            return
        test = doctest.DocTestParser().get_doctest(
            block.text, {}, block.name, str(README), block.line
        )
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        report = io.StringIO()
        outcome = doctest.DocTestRunner(optionflags=flags).run(test, out=report.write)
        assert outcome.failed == 0, f"{block.name}\n{report.getvalue()}"
        assert outcome.attempted == len(test.examples) > 0, f"{block.name}: no example ran"
