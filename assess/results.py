"""What every answer of assess is: a frozen dataclass with a short ``repr``
and a ``to_json()`` that is its command's JSON payload.

``Result`` is the mixin of the answer types (``Judgements``, ``WhyResult``,
``Matrix``, …). Its ``to_json()`` turns the dataclass into JSON data field by
field: a dataclass into an object, a tuple into a list, an enum into its
value, an infinite float into ``"+inf"``/``"-inf"`` (JSON has no infinity;
``json_number``). A result whose documented JSON differs from its fields
overrides ``to_json``. ``assess --format json`` prints that payload under
``"command"`` and ``"version"``, so the API and the command line cannot
disagree. Its ``repr`` names the scalar fields and counts the others, so a
result shown in a REPL is one line, not the whole circuit behind it.

Example::

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, repr=False)
    ... class Answer(Result):
    ...     atom: str
    ...     probability: float
    ...     proofs: tuple[str, ...]
    >>> answer = Answer("attack", float("inf"), ("p1", "p2"))
    >>> answer
    Answer(atom='attack', probability=inf, proofs=<2>)
    >>> answer.to_json()
    {'atom': 'attack', 'probability': '+inf', 'proofs': ['p1', 'p2']}
"""

from __future__ import annotations

import dataclasses
import enum
import math
from typing import Any

__all__ = ["Result", "json_data", "json_number"]


def json_number(value: float | None) -> float | str | None:
    """A float as JSON holds it: an infinity as ``"+inf"`` / ``"-inf"``, NaN as null."""
    if value is None or not isinstance(value, float):
        return value
    if math.isinf(value):
        return "+inf" if value > 0 else "-inf"
    return None if math.isnan(value) else value


def json_data(value: Any) -> Any:
    """``value`` as JSON data: dataclasses as objects (a ``Result`` by its
    ``to_json``), tuples and lists as lists, enums as their values."""
    if isinstance(value, Result):
        return value.to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: json_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [json_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_data(item) for key, item in value.items()}
    if isinstance(value, enum.Enum):
        return json_data(value.value)
    if isinstance(value, float):
        return json_number(value)
    return value


def _shown(value: Any) -> str:
    if value is None or isinstance(value, str | int | float | bool | enum.Enum):
        return repr(value.value if isinstance(value, enum.Enum) else value)
    if isinstance(value, tuple | list | dict):
        return f"<{len(value)}>"
    return "<…>"


class Result:
    """Mixin of the answer dataclasses: ``to_json()`` and a one-line ``repr``
    (declare the dataclass with ``repr=False`` so this one is used)."""

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        """The JSON payload of this answer (as ``--format json`` prints it,
        without ``"command"`` and ``"version"``)."""
        assert dataclasses.is_dataclass(self)
        return {
            f.name: json_data(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.metadata.get("json", True)
        }

    def __repr__(self) -> str:
        assert dataclasses.is_dataclass(self)
        shown = (f"{f.name}={_shown(getattr(self, f.name))}"
                 for f in dataclasses.fields(self) if f.repr)
        return f"{type(self).__name__}({', '.join(shown)})"
