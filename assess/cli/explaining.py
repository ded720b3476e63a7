"""What the explanation commands share: reading FILE… ATOM, and JSON output.

Argument convention (all commands): the files come first, in the order
``assess run`` takes them (rules, then evidence); ``why``, ``why-not`` and
``sensitivity`` take the atom as the **last** argument, written as in a
rule (``imminent_attack``, ``troops_in_belarus(12500)``; quote it for the
shell when it has parentheses or ``~``). A last argument that names an
existing file, or ends in ``.assess``/``.csv``, is a mistake: the atom is
missing, and the command says so (exit 2).

JSON: each command prints one document, ``{"command": NAME, …}`` followed
by the fields of its result (README, "Explanations").
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from assess.cli.common import emit_json
from assess.diagnostics import COMMAND_LINE, AssessError, error


def split_atom(arguments: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """``(files, atom)`` from ``FILE… ATOM`` (the atom as written; ``Assessment.atom``
    reads it and checks that the program knows it)."""
    if len(arguments) < 2:
        raise AssessError([error(
            "missing_argument", COMMAND_LINE, "give the files, then the atom: FILE… ATOM",
        )])
    *files, atom = arguments
    if atom.endswith((".assess", ".csv")) or os.path.isfile(atom):
        raise AssessError([error(
            "missing_argument", COMMAND_LINE,
            f"the last argument {atom!r} is a file; name the atom last: FILE… ATOM",
        )])
    return tuple(files), atom


def emit_result(command: str, result: Any) -> None:
    """Print ``result`` (a dataclass) as the command's JSON document."""
    emit_json({"command": command, **dataclasses.asdict(result)})
