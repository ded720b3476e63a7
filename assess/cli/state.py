"""What one command line asked for that outlives click's parsing: whether
errors are JSON (``JSON_ERRORS``) and whether ``load`` may leave the project
root (``ALLOW_OUTSIDE``). ``main`` resets both before each command; the
options of ``assess.cli.common`` set them. (A module of its own, without
imports, so that ``main`` can reset them without loading the workspace.)"""

from __future__ import annotations

from contextvars import ContextVar

JSON_ERRORS: ContextVar[str | None] = ContextVar("json_errors", default=None)
"""The command whose ``--format json`` was asked for, if one was: ``main``
then prints errors as one JSON object on stdout, not as text on stderr."""

ALLOW_OUTSIDE: ContextVar[bool] = ContextVar("allow_outside", default=False)
"""Whether ``--allow-outside`` was given: ``load`` may leave the project root."""
