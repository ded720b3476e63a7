"""The guard-rail options of commands that ground and compile under ``prob``.

``--max-ground`` bounds the ground atoms of any predicate (and the recorded
rule instances), ``--max-nodes`` the decision-diagram nodes, ``--timeout``
the seconds spent compiling; past any of them the command stops with an
error that names the predicate or rule responsible and the size reached.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click

from assess.api import (
    DEFAULT_MAX_GROUND,
    DEFAULT_MAX_NODES,
    DEFAULT_TIMEOUT,
    Limits,
)

F = TypeVar("F", bound=Callable[..., Any])


def limit_options(command: F) -> F:
    """Add ``--max-ground``, ``--max-nodes`` and ``--timeout`` to ``command``."""
    options = (
        click.option(
            "--max-ground",
            type=click.IntRange(1),
            default=DEFAULT_MAX_GROUND,
            show_default=True,
            help="Most ground atoms of one predicate.",
        ),
        click.option(
            "--max-nodes",
            type=click.IntRange(1),
            default=DEFAULT_MAX_NODES,
            show_default=True,
            help="Most decision-diagram nodes when compiling.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0, min_open=True),
            default=DEFAULT_TIMEOUT,
            show_default=True,
            help="Most seconds spent compiling.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def limits_from(values: Mapping[str, Any]) -> Limits:
    """The ``Limits`` the options asked for."""
    return Limits(values["max_ground"], values["max_nodes"], values["timeout"])
