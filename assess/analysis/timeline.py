"""Time in the evidence: indicators with one current value, and the evidence
as of a date.

**Supersession.** An indicator declared ``current`` (``indicator
troops_in_belarus(count) "…" current.``) has one value at a time. Its reports
fall into *series*, one per origin (a source with the sources linked to it by
``derived_from``, as for corroboration), each holding that origin's reports
of the indicator and of its contrary ``~``, whatever their arguments. In a
series, every report dated before the series' latest date is *superseded*
by a report of that date: it leaves the evidence (lowering builds no choice
from it) and is kept, beside the report that superseded it, for the
explanations. The reports of the latest date all stand (a day is the finest
grain, so two values reported on one day both stand). Undated reports never
supersede and are never superseded. Other origins are other series: what
two origins report stands side by side, to corroborate or conflict through
the rules.

**As of a date.** ``as_of(programs, date)`` leaves out every report dated
after ``date``, at top level and in scenarios; undated reports stay, as
facts with no time. Supersession then works on what is left, so a report
superseded today stands again as of a date before the one that replaced it.

Dates are ``YYYY-MM-DD``, so their order is the order of their text.

Example: with ``troops`` current, ``troops(10000) by a on 2022-12-01`` and
``troops(100000) by a on 2023-01-20`` leave one report of ``a`` standing,
the later; ``troops(12500) by b on 2022-12-19`` (another origin) stands
beside it::

    >>> from assess.syntax.parser import parse
    >>> reports = [s for s in parse(
    ...     "report troops(10000) by a credibility 2 on 2022-12-01."
    ...     "report troops(100000) by a credibility 2 on 2023-01-20."
    ...     "report troops(12500) by b credibility 2 on 2022-12-19.").statements]
    >>> kept, gone = supersede(reports, {("troops", 1)}, {})
    >>> [r.date for r in kept], [(g.report.date, g.by.date) for g in gone]
    (['2023-01-20', '2022-12-19'], [('2022-12-01', '2023-01-20')])
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from assess.syntax import ast

Signature = tuple[str, int]
Series = tuple[str, int, str]
"""An indicator's name and arity, and an origin."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Superseded:
    """A report that no longer counts, and the newer report of its origin
    that superseded it."""

    report: ast.Report
    by: ast.Report


@lru_cache(maxsize=65_536)
def is_date(text: str) -> bool:
    """Whether ``text`` is a real date written ``YYYY-MM-DD``.

    >>> is_date("2022-12-19"), is_date("2022-13-01"), is_date("19/12/2022")
    (True, False, False)
    """
    if not _DATE.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def current_indicators(declarations: Iterable[ast.IndicatorDecl]) -> frozenset[Signature]:
    """The name and arity of each indicator declared ``current``."""
    return frozenset((d.name, len(d.params)) for d in declarations if d.current)


def supersede(
    reports: Sequence[ast.Report], current: Collection[Signature], origin: Mapping[str, str]
) -> tuple[list[ast.Report], list[Superseded]]:
    """The reports that stand, in order, and those superseded (module
    docstring); ``origin`` maps a source to its origin (itself if absent)."""

    def series(report: ast.Report) -> Series | None:
        if report.date is None or report.atom.signature not in current:
            return None
        name, arity = report.atom.signature
        return name, arity, origin.get(report.source, report.source)

    latest: dict[Series, ast.Report] = {}
    for report in reports:
        key = series(report)
        if key is not None and (key not in latest or _after(report, latest[key])):
            latest[key] = report
    kept: list[ast.Report] = []
    gone: list[Superseded] = []
    for report in reports:
        key = series(report)
        newest = latest.get(key) if key is not None else None
        if newest is not None and _after(newest, report):
            gone.append(Superseded(report, newest))
        else:
            kept.append(report)
    return kept, gone


def _after(a: ast.Report, b: ast.Report) -> bool:
    return a.date is not None and b.date is not None and a.date > b.date


def dates(programs: Iterable[ast.Program], files: Collection[str] | None = None) -> list[str]:
    """Every distinct report date in ``programs`` (only in ``files``, if given),
    in order; scenarios are not evidence of a program and are left out."""
    found = {
        s.date
        for p in programs
        if files is None or p.file in files
        for s in p.statements
        if isinstance(s, ast.Report) and s.date is not None
    }
    return sorted(found)


def as_of(programs: Sequence[ast.Program], date: str) -> list[ast.Program]:
    """``programs`` without the reports dated after ``date`` (scenarios too)."""
    return [replace(p, statements=tuple(_statements(p.statements, date))) for p in programs]


def _statements(statements: Iterable[ast.Statement], date: str) -> Iterable[ast.Statement]:
    for s in statements:
        if isinstance(s, ast.Scenario):
            yield replace(s, items=tuple(i for i in s.items if not _later(i, date)))
        elif not _later(s, date):
            yield s


def _later(item: ast.Statement | ast.ScenarioItem, date: str) -> bool:
    return isinstance(item, ast.Report) and item.date is not None and item.date > date
