"""``track`` as a table with sparklines, or as an SVG line plot.

Text: one row per hypothesis — a sparkline (``▁`` 0 % … ``█`` 100 %) and
its probability in each snapshot (headed by the snapshot's name and date);
a member of a set ``given c`` is the row ``h | c``, P(h | c) as ``run``
reads it (``·`` and ``—`` where c cannot hold), with a note of P(c) in each
snapshot; then each change of ICD 203 term with the report changes that caused it,
largest effect first (at most five, each of at least 0.1 points; the JSON
lists them all).

SVG: the seven ICD 203 bands as pale horizontal stripes named on the right,
percent gridlines, one line per hypothesis across the snapshots (P(h | c) for a
conditional member, broken where c cannot hold) with a
marker and its value at each point (a value that would overlap another, or
the values of a snapshot crowded by the next, left out; the marker stays),
in Okabe & Ito's colour-blind-safe palette (past eight lines, dashed with
another marker), and a legend; no dependency beyond the standard library.
The x-axis is time when every snapshot has a date (each at its day, with a
tick and its points; names slanted, and one too close to the next written
left out), else the snapshots evenly spaced in order.

Example::

    >>> sparkline((0.0, 0.5, None, 1.0))
    '▁▅·█'
"""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape

from assess.analysis.icd203 import BANDS
from assess.explain.track import Cause, Series, Snapshot, TrackResult
from assess.render.levers import UNDEFINED
from assess.render.why import judgement, pct, points

BLOCKS = "▁▂▃▄▅▆▇█"
SHOWN_CAUSES = 5
SHOWN_EFFECT = 0.001
"""Text shows at most five causes of a change, each of at least 0.1 points (JSON has all)."""
LABEL_GAP = 12
"""On a time axis, a snapshot's name closer than this (pixels) to the next
one written is left out (the latest is always written); its tick and its
points stay."""
VALUE_GAP = 11
VALUE_ROOM = 40
"""A snapshot's values are labelled when the next one is at least this far right."""
"""A value label closer than this (pixels) to the one above it is left out."""
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#000000",
           "#B8860B")
"""Okabe & Ito's colour-blind-safe palette (its yellow darkened to read on white);
past eight series the colours repeat with dashed lines and other markers."""


NO_JUDGEMENT = "\u00b7"
"""The sparkline's mark where a condition cannot hold (no number)."""


def sparkline(values: tuple[float | None, ...]) -> str:
    return "".join(NO_JUDGEMENT if v is None
                   else BLOCKS[min(len(BLOCKS) - 1, max(0, round(v * (len(BLOCKS) - 1))))]
                   for v in values)


def label(line: Series) -> str:
    """The row's name: ``h``, or ``h | c`` for a member read given ``c``."""
    return line.atom if line.given is None else f"{line.atom} | {line.given.condition}"


def _cell(p: float | None) -> str:
    return UNDEFINED if p is None else pct(p)


def _judged(term: str, p: float | None) -> str:
    return term if p is None else judgement(term, p)


def _head(snapshot: Snapshot) -> str:
    """The snapshot's name, and its date unless the name is the date."""
    dated = snapshot.date is not None and snapshot.date != snapshot.name
    return f"{snapshot.name} {snapshot.date}" if dated else snapshot.name


def track_text(result: TrackResult) -> str:
    heads = [_head(s) for s in result.snapshots]
    width = max((len(label(s)) for s in result.series), default=0)
    cols = [max(len(h), 6) for h in heads]
    spark = max(len(result.snapshots), 5)
    out = [" " * (width + spark + 4) + "  ".join(h.rjust(c) for h, c in zip(heads, cols,
                                                                           strict=True))]
    for line in result.series:
        cells = "  ".join(_cell(p).rjust(c) for p, c in zip(line.probabilities, cols, strict=True))
        out.append(f"{label(line).ljust(width)}  {sparkline(line.probabilities).ljust(spark)}  "
                   f"{cells}")
    out += _given_notes(result)
    for change in result.changes:
        a, b = result.snapshots[change.before].name, result.snapshots[change.after].name
        name = change.atom if change.condition is None else f"{change.atom} | {change.condition}"
        out += ["", f"{name}: {_judged(change.term_before, change.probability_before)} "
                    f"in {a} -> {_judged(change.term_after, change.probability_after)} in {b}"]
        shown = [c for c in change.causes
                 if c.effect is None or abs(c.effect) >= SHOWN_EFFECT][:SHOWN_CAUSES]
        if not change.causes:
            out.append("  no report changed that bears on it")
        out += [_cause(c, change.condition) for c in shown]
        if len(change.causes) > len(shown):
            out.append(f"  … and {len(change.causes) - len(shown)} more, each under "
                       f"{SHOWN_EFFECT * 100:g} points or beyond the first {SHOWN_CAUSES}")
    return "\n".join(out)


def _given_notes(result: TrackResult) -> list[str]:
    """Under the table, each condition's probability per snapshot."""
    conditions = {line.given.condition: line.given.conditions
                  for line in result.series if line.given is not None}
    if not conditions:
        return []
    out = ["", "h | c: P(h | c), as run reads a set given c; \u2014 where c cannot hold"]
    for condition, values in conditions.items():
        out.append(f"  P({condition}): " + ", ".join(pct(p) for p in values))
    return out


def _cause(c: Cause, condition: str | None) -> str:
    grade = c.report.grade
    if c.previous_grade:
        grade = f"{c.previous_grade} -> {grade}"
    effect = (f"decides whether {condition} can hold" if c.effect is None
              else points(c.effect))
    return f"  {c.change:<10} {c.report.key}  {grade}  {effect}"


def positions(snapshots: tuple[Snapshot, ...]) -> tuple[float, ...]:
    """Where each snapshot stands on the x-axis, from 0 to 1: by date when
    they all have one (``_days``), else evenly spaced in the order given.

    >>> dated = tuple(Snapshot(d, "e.assess", d) for d in ("2022-12-01", "2022-12-04",
    ...                                                     "2022-12-31"))
    >>> positions(dated)
    (0.0, 0.1, 1.0)
    >>> positions(dated[:1] + (Snapshot("later", "f.assess", None),))
    (0.0, 1.0)
    """
    n = len(snapshots)
    if n == 1:
        return (0.5,)
    days = _days(snapshots)
    if days is None:
        return tuple(i / (n - 1) for i in range(n))
    return tuple((d - days[0]) / (days[-1] - days[0]) for d in days)


def _days(snapshots: tuple[Snapshot, ...]) -> list[int] | None:
    """Each snapshot's day number, when every one has a date and they run
    forward in time over more than one day; else None."""
    try:
        days = [datetime.date.fromisoformat(s.date).toordinal() if s.date else None
                for s in snapshots]
    except ValueError:
        return None
    known = [d for d in days if d is not None]
    if len(known) < 2 or len(known) < len(days) or known != sorted(known):
        return None
    return known if known[-1] > known[0] else None


def _marker(shape: int, x: float, y: float, colour: str) -> str:
    """A point marker: circle, square, triangle or diamond (white rim)."""
    rim = f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" {rim}/>'
    if shape == 1:
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" {rim}/>'
    corners = (((0, -5), (4.5, 3.5), (-4.5, 3.5)) if shape == 2
               else ((0, -5), (5, 0), (0, 5), (-5, 0)))
    points_ = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners)
    return f'<polygon points="{points_}" {rim}/>'


def _value_labels(cells: list[tuple[float, float, str, str]], left: bool) -> list[str]:
    """Value labels of one snapshot's points, ``(x, y, text, colour)``; a label
    that would overlap the one just above it is left out (its marker stays);
    each stands right of its point (``left``: left of it), in its line's colour."""
    out: list[str] = []
    last: float | None = None
    for x, y, text, colour in sorted(cells, key=lambda c: c[1]):
        if last is not None and y - last < VALUE_GAP:
            continue
        last = y
        where = f'x="{x - 7:.1f}" text-anchor="end"' if left else f'x="{x + 7:.1f}"'
        out.append(f'<text {where} y="{y + 3.5:.1f}" '
                   f'font-size="10" fill="{colour}">{escape(text)}</text>')
    return out


def track_svg(result: TrackResult, width: int = 960, height: int = 440) -> str:
    """A line per hypothesis over the ICD 203 bands (module docstring)."""
    at = positions(result.snapshots)
    by_date = _days(result.snapshots) is not None
    heads = [_head(s) for s in result.snapshots]
    longest = max((len(h) for h in heads), default=0)
    reach = 6.2 * longest * (0.71 if by_date else 0.0)   # a 45° label's reach left and down
    left = max(56, int(reach) + 12 if by_date else 56)
    right, top = 290, 20
    bottom = int(reach) + 30 if by_date else 40
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + plot_w * at[i]

    def y(p: float) -> float:
        return top + plot_h * (1 - p)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="Helvetica, Arial, sans-serif" font-size="11">',
             f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for i, band in enumerate(BANDS):
        shade = "#f4f4f4" if i % 2 else "#e9eef5"
        parts.append(f'<rect x="{left}" y="{y(band.high):.1f}" width="{plot_w}" '
                     f'height="{y(band.low) - y(band.high):.1f}" fill="{shade}"/>')
        if y(band.low) - y(band.high) >= 11:
            parts.append(f'<text x="{left + plot_w + 6}" '
                         f'y="{y((band.low + band.high) / 2) + 4:.1f}" '
                         f'font-size="10" font-style="italic" fill="#999999">'
                         f'{escape(band.estimate.value)}</text>')
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(f'<line x1="{left - 4}" y1="{y(tick):.1f}" x2="{left + plot_w}" '
                     f'y2="{y(tick):.1f}" stroke="#cccccc" stroke-width="0.5"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
                     f'fill="#555555">{tick * 100:.0f} %</text>')
    shown: float | None = None
    base = height - bottom
    for i in reversed(range(len(heads))):   # the latest first: a crowded earlier one gives way
        parts.append(f'<line x1="{x(i):.1f}" y1="{base}" x2="{x(i):.1f}" y2="{base + 4}" '
                     'stroke="#888888"/>')
        if not by_date or shown is None or shown - x(i) >= LABEL_GAP:
            parts.append(_label(x(i), base + 14, heads[i], by_date))
            shown = x(i)
    cells: list[list[tuple[float, float, str, str]]] = [[] for _ in result.snapshots]
    for i, line in enumerate(result.series):
        colour, shape = COLOURS[i % len(COLOURS)], (i // len(COLOURS)) % 4
        dash = "" if i < len(COLOURS) else ' stroke-dasharray="6 3"'
        known = [(j, p) for j, p in enumerate(line.probabilities) if p is not None]
        for run in _runs(line.probabilities):
            points_ = " ".join(f"{x(j):.1f},{y(p):.1f}" for j, p in run)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} '
                         f'points="{points_}"/>')
        parts.extend(_marker(shape, x(j), y(p), colour) for j, p in known)
        for j, p in known:
            cells[j].append((x(j), y(p), pct(p), colour))
        ly = top + 8 + 16 * i
        lx = left + plot_w + 125
        parts.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 22}" y2="{ly}" stroke="{colour}" '
                     f'stroke-width="2"{dash}/>')
        parts.append(_marker(shape, lx + 11, ly, colour))
        parts.append(f'<text x="{lx + 28}" y="{ly + 4}" fill="#222222">{escape(label(line))}'
                     '</text>')
    last = len(cells) - 1
    for j, column in enumerate(cells):   # a column too close to the next is not labelled
        if j == last or x(j + 1) - x(j) >= VALUE_ROOM:
            parts.extend(_value_labels(column, left=j == last and last > 0))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _runs(values: tuple[float | None, ...]) -> list[list[tuple[int, float]]]:
    """The stretches of a series with a number (a line breaks where there is none).

    >>> _runs((0.1, None, 0.2, 0.3))
    [[(0, 0.1)], [(2, 0.2), (3, 0.3)]]
    """
    out: list[list[tuple[int, float]]] = [[]]
    for j, p in enumerate(values):
        if p is None:
            out.append([])
        else:
            out[-1].append((j, p))
    return [run for run in out if run]


def _label(x: float, y: float, text: str, slanted: bool) -> str:
    """A snapshot's name under the x-axis; slanted where dates may crowd it."""
    if not slanted:
        return f'<text x="{x:.1f}" y="{y}" text-anchor="middle">{escape(text)}</text>'
    return (f'<text x="{x:.1f}" y="{y}" text-anchor="end" '
            f'transform="rotate(-45 {x:.1f} {y})">{escape(text)}</text>')
