"""What the explanation commands share: reading FILE… ATOM, and JSON output.

Argument convention (all commands): the files come first, in the order
``assess run`` takes them (rules, then evidence); ``why``, ``why-not`` and
``sensitivity`` take the atom as the **last** argument, written as in a
rule (``imminent_attack``, ``troops_in_belarus(12500)``; quote it for the
shell when it has parentheses or ``~``). A last argument that names an
existing file, or ends in ``.assess``/``.csv``, is a mistake: the atom is
missing, and the command says so (exit 2).

JSON: each command prints one document, ``{"command": NAME, "version": …}``
followed by its result's ``to_json()`` (``common.emit_document``).
"""

from __future__ import annotations

import os

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
