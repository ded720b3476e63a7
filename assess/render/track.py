"""``track`` as a table with sparklines, or as an SVG line plot.

Text: one row per hypothesis — a sparkline (``▁`` 0 % … ``█`` 100 %) and
its probability in each snapshot (headed by the snapshot's name and date);
then each change of ICD 203 term with the report changes that caused it,
largest effect first (at most five, each of at least 0.1 points; the JSON
lists them all).

SVG: the seven ICD 203 bands as pale horizontal stripes, one line per
hypothesis across the snapshots, a legend; no dependency beyond the
standard library. The x-axis is time when every snapshot has a date (each
at its day, with a tick and its points; names slanted, and one too close to
the last written left out), else the snapshots evenly spaced in order.

Example::

    >>> sparkline((0.0, 0.5, 1.0))
    '▁▅█'
"""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape

from assess.analysis.icd203 import BANDS
from assess.explain.track import Snapshot, TrackResult
from assess.render.why import judgement, pct, points

BLOCKS = "▁▂▃▄▅▆▇█"
SHOWN_CAUSES = 5
SHOWN_EFFECT = 0.001
"""Text shows at most five causes of a change, each of at least 0.1 points (JSON has all)."""
LABEL_GAP = 12
"""On a time axis, a snapshot's name closer than this (pixels) to the last
one written is left out; its tick and its points stay."""
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")


def sparkline(values: tuple[float, ...]) -> str:
    return "".join(BLOCKS[min(len(BLOCKS) - 1, max(0, round(v * (len(BLOCKS) - 1))))]
                   for v in values)


def _head(snapshot: Snapshot) -> str:
    """The snapshot's name, and its date unless the name is the date."""
    dated = snapshot.date is not None and snapshot.date != snapshot.name
    return f"{snapshot.name} {snapshot.date}" if dated else snapshot.name


def track_text(result: TrackResult) -> str:
    heads = [_head(s) for s in result.snapshots]
    width = max((len(s.atom) for s in result.series), default=0)
    cols = [max(len(h), 6) for h in heads]
    spark = max(len(result.snapshots), 5)
    out = [" " * (width + spark + 4) + "  ".join(h.rjust(c) for h, c in zip(heads, cols,
                                                                           strict=True))]
    for line in result.series:
        cells = "  ".join(pct(p).rjust(c) for p, c in zip(line.probabilities, cols, strict=True))
        out.append(f"{line.atom.ljust(width)}  {sparkline(line.probabilities).ljust(spark)}  "
                   f"{cells}")
    for change in result.changes:
        a, b = result.snapshots[change.before].name, result.snapshots[change.after].name
        out += ["", f"{change.atom}: {judgement(change.term_before, change.probability_before)} "
                    f"in {a} -> {judgement(change.term_after, change.probability_after)} in {b}"]
        shown = [c for c in change.causes if abs(c.effect) >= SHOWN_EFFECT][:SHOWN_CAUSES]
        if not change.causes:
            out.append("  no report changed that bears on it")
        for c in shown:
            grade = c.report.grade
            if c.previous_grade:
                grade = f"{c.previous_grade} -> {grade}"
            out.append(f"  {c.change:<10} {c.report.key}  {grade}  {points(c.effect)}")
        if len(change.causes) > len(shown):
            out.append(f"  … and {len(change.causes) - len(shown)} more, each under "
                       f"{SHOWN_EFFECT * 100:g} points or beyond the first {SHOWN_CAUSES}")
    return "\n".join(out)


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


def track_svg(result: TrackResult, width: int = 900, height: int = 400) -> str:
    at = positions(result.snapshots)
    by_date = _days(result.snapshots) is not None
    left, right, top, bottom = 40, 330, 20, 90 if by_date else 40
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + plot_w * at[i]

    def y(p: float) -> float:
        return top + plot_h * (1 - p)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="Helvetica" font-size="11">']
    for i, band in enumerate(BANDS):
        shade = "#f4f4f4" if i % 2 else "#e9eef5"
        parts.append(f'<rect x="{left}" y="{y(band.high):.1f}" width="{plot_w}" '
                     f'height="{y(band.low) - y(band.high):.1f}" fill="{shade}"/>')
        parts.append(f'<text x="{left + plot_w + 4}" y="{y((band.low + band.high) / 2) + 4:.1f}" '
                     f'fill="#888">{escape(band.estimate.value)}</text>')
    shown: float | None = None
    for i, snap in enumerate(result.snapshots):
        base = height - bottom
        parts.append(f'<line x1="{x(i):.1f}" y1="{base}" x2="{x(i):.1f}" y2="{base + 4}" '
                     'stroke="#888"/>')
        if not by_date or shown is None or x(i) - shown >= LABEL_GAP:
            parts.append(_label(x(i), base + 16, _head(snap), by_date))
            shown = x(i)
    for i, line in enumerate(result.series):
        colour = COLOURS[i % len(COLOURS)]
        points_ = " ".join(f"{x(j):.1f},{y(p):.1f}" for j, p in enumerate(line.probabilities))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                     f'points="{points_}"/>')
        parts.extend(f'<circle cx="{x(j):.1f}" cy="{y(p):.1f}" r="2.5" fill="{colour}"/>'
                     for j, p in enumerate(line.probabilities))
        parts.append(f'<text x="{left + plot_w + 130}" y="{top + 10 + 14 * i}" '
                     f'fill="{colour}">{escape(line.atom)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _label(x: float, y: float, text: str, slanted: bool) -> str:
    """A snapshot's name under the x-axis; slanted where dates may crowd it."""
    if not slanted:
        return f'<text x="{x:.1f}" y="{y}" text-anchor="middle">{escape(text)}</text>'
    return (f'<text x="{x:.1f}" y="{y}" text-anchor="end" '
            f'transform="rotate(-60 {x:.1f} {y})">{escape(text)}</text>')
