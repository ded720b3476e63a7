"""Typed terms as SQL columns: three columns per argument, one meaning.

A ground term (``assess.engine.terms``) is stored in columns ``vI``, ``zI``
and ``nI`` for argument ``I``:

* ``vI TEXT``, the term itself: a tag and a canonical text, ``i:1`` (an
  integer in decimal), ``f:1.0`` (a float as Python's ``repr`` writes it, so
  ``f:-0.0`` is not ``f:0.0``), ``a:Minsk`` (an atom), ``s:Minsk`` (a string).
  Two terms are the same term exactly when their ``v`` texts are equal, so
  joins, ``=``, ``==``, ``DISTINCT`` and ``EXCEPT`` read ``v`` and nothing else:
  ``1``, ``1.0``, ``"1"`` and the atom ``'1'`` stay four terms;
* ``zI BIGINT``, the value of an integer (NULL for any other term);
* ``nI DOUBLE PRECISION``, the value of a number as a float (NULL for an atom
  or a string): what ``<`` and friends compare when a side is a float.

``z`` and ``n`` follow from ``v``; they are there so the database can do
arithmetic and numeric comparison without parsing text. A nullary
predicate's table has the single column ``u`` (one row when it holds).

An integer past 64 bits has no ``BIGINT``: it is refused (``sql_unsupported``).
A ``Fragment`` is SQL text with ``?`` placeholders and the values bound to
them; a ``Term`` is the fragments of a term's three columns.

Example::

    >>> encode(1), encode(Float(-0.0)), encode(Str("a"))
    (('i:1', 1, 1.0), ('f:-0.0', None, -0.0), ('s:a', None, None))
    >>> decode("f:2.5"), decode("a:x") == "x", decode("s:x") == "x"
    (Float(2.5), True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from assess.diagnostics import AssessError, error
from assess.engine.ir import Value
from assess.engine.terms import Float, Str

INT64 = (-(2**63), 2**63 - 1)
"""The integers a ``BIGINT`` holds."""

Encoded = tuple[str, int | None, float | None]
"""The ``(v, z, n)`` columns of one term."""


def fits(value: int) -> bool:
    """Whether an integer has a ``BIGINT``."""
    return INT64[0] <= value <= INT64[1]


def encode(value: Value) -> Encoded:
    """The three columns of a term (see the module docstring)."""
    if isinstance(value, Str):
        return f"s:{value}", None, None
    if isinstance(value, str):
        return f"a:{value}", None, None
    if isinstance(value, Float):
        return f"f:{float.__repr__(value)}", None, float(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if not fits(value):
            raise AssessError([error(
                "sql_unsupported", None,
                f"the integer {str(value)[:20]}… has more than 64 bits: the SQL engines "
                "store integers as BIGINT (use --engine native)",
            )])
        return f"i:{value}", value, float(value)
    raise AssessError([error(
        "sql_unsupported", None,
        f"the term {value!r} has no SQL form yet (use --engine native)",
    )])


def decode(text: str) -> Value:
    """The term a ``v`` column holds."""
    tag, body = text[:2], text[2:]
    if tag == "i:":
        return int(body)
    if tag == "f:":
        return Float(float(body))
    if tag == "s:":
        return Str(body)
    return body


def columns(arity: int) -> list[str]:
    """The column names of a predicate's table, in order."""
    if arity == 0:
        return ["u"]
    return [f"{c}{i}" for i in range(arity) for c in "vzn"]


def declaration(arity: int) -> str:
    """The column list of ``CREATE TABLE`` for a predicate of ``arity``."""
    if arity == 0:
        return "u SMALLINT"
    return ", ".join(
        f"v{i} TEXT, z{i} BIGINT, n{i} DOUBLE PRECISION" for i in range(arity)
    )


def row(values: tuple[Value, ...]) -> tuple[object, ...]:
    """The column values of a fact."""
    if not values:
        return (0,)
    return tuple(c for v in values for c in encode(v))


def rows(facts: Iterable[tuple[Value, ...]]) -> Iterator[tuple[object, ...]]:
    """The column values of many facts: each distinct constant encoded once
    (keyed by its type and, for a float, its ``repr``, so that ``1``,
    ``1.0`` and ``-0.0`` stay apart), as ``row`` would encode it."""
    cache: dict[tuple[type, object], Encoded] = {}
    for values in facts:
        if not values:
            yield (0,)
            continue
        out: list[object] = []
        for v in values:
            key = (v.__class__, float.__repr__(v) if isinstance(v, float) else v)
            found = cache.get(key)
            if found is None:
                found = cache[key] = encode(v)
            out += found
        yield tuple(out)


def decoder() -> Callable[[str], Value]:
    """``decode`` remembering each text it has read (answers repeat constants)."""
    cache: dict[str, Value] = {}

    def read(text: str) -> Value:
        found = cache.get(text)
        if found is None:
            found = cache[text] = decode(text)
        return found

    return read


Fragment = tuple[str, tuple[object, ...]]
"""SQL text with ``?`` placeholders, and the values bound to them in order."""
Term = tuple[Fragment, Fragment, Fragment]
"""The ``v``, ``z`` and ``n`` expressions of a term."""

NULL_Z: Fragment = ("CAST(NULL AS BIGINT)", ())
NULL_N: Fragment = ("CAST(NULL AS DOUBLE PRECISION)", ())


def join(parts: list[Fragment], sep: str) -> Fragment:
    return sep.join(p[0] for p in parts), tuple(v for p in parts for v in p[1])


def fmt(template: str, *parts: Fragment) -> Fragment:
    """``template`` with each ``{}`` replaced by a fragment, parameters in order."""
    pieces = template.split("{}")
    assert len(pieces) == len(parts) + 1
    text = pieces[0] + "".join(p[0] + s for p, s in zip(parts, pieces[1:], strict=True))
    return text, tuple(v for p in parts for v in p[1])
