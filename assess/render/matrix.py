"""ACH matrices as a text table, JSON data, or CSV rows.

Text, one table per competing set: rows are indicators, most diagnostic
first; columns the hypotheses, least inconsistent first; each cell the
weight of evidence of the indicator's reports for the hypothesis, in
decibans, and its mark::

    threat — ACH matrix: weight of evidence of each indicator's reports, in decibans …
    indicator  sources  feint   attack   diagnosticity
    convoy     a        +4.3 C  +∞ CC    ∞
    talks      b        +4.3 C  -5.3 II  9.5
    snow       a        0.0 N   0.0 N    0.0  does not discriminate
    ...

A cell is ``?`` when the program's ``evidence/2`` observations become
impossible without the indicator's reports (the weight is undefined).

JSON and CSV carry the same numbers unrounded; JSON has no infinity, so an
infinite weight, ratio or sum is the string ``"+inf"`` or ``"-inf"`` (CSV
writes the same words, which ``float()`` reads). CSV is long ("tidy"): one
line per cell, so that several sets fit one file and a spreadsheet can
pivot it. Columns: ``set, indicator, hypothesis, weight, likelihood_ratio,
effect, mark, diagnosticity, discriminates, probability, inconsistency,
rank``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from assess.analysis.icd203 import percent
from assess.explain.matrix import STRONG, WEAK, Cell, Matrix
from assess.explain.weight import likelihood_ratio
from assess.render.decibans import decibans
from assess.results import json_number

LEGEND = (
    f"CC/C: consistent (at least +{STRONG:g} / +{WEAK:g} dB: odds multiplied by "
    f"{likelihood_ratio(STRONG):.1f} / {likelihood_ratio(WEAK):.2f}), N: neutral, "
    f"I/II: inconsistent (at least -{WEAK:g} / -{STRONG:g} dB)"
)


def _cell(cell: Cell) -> str:
    return "?" if cell.weight is None else f"{decibans(cell.weight)} {cell.mark}"


def _table(lines: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in lines) for i in range(len(lines[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in lines]


def matrix_text(matrix: Matrix) -> str:
    """One set's matrix, the column summary and the reading of it."""
    head = ["indicator", "sources", *[c.hypothesis for c in matrix.columns], "diagnosticity"]
    grid = [head]
    for row in matrix.ordered_rows():
        note = "" if row.discriminates else "  does not discriminate"
        grid.append([row.indicator, ", ".join(row.sources), *map(_cell, row.cells),
                     decibans(row.diagnosticity, signed=False) + note])
    grid.append(["P(hypothesis)", "", *[percent(c.probability) for c in matrix.columns], ""])
    grid.append(["dB against", "",
                 *[decibans(c.inconsistency, signed=False) for c in matrix.columns], ""])
    lines = [f"{matrix.set} — ACH matrix: weight of evidence of each indicator's reports for "
             f"each hypothesis, in decibans (10·log10 of the factor on its odds); least "
             f"inconsistent first", *_table(grid), LEGEND, *_reading(matrix)]
    return "\n".join(lines)


def _reading(matrix: Matrix) -> list[str]:
    if not matrix.columns:
        return ["No hypothesis of this set is derived from the evidence."]
    first, last = matrix.columns[0], matrix.columns[-1]
    lines = [f"Least inconsistent with the evidence: {first.hypothesis} "
             f"({decibans(first.inconsistency, signed=False)} dB against)."]
    if last is not first:
        lines.append(f"Most inconsistent with the evidence: {last.hypothesis} "
                     f"({decibans(last.inconsistency, signed=False)} dB against).")
    likeliest = max(matrix.columns, key=lambda c: (c.probability, -c.rank))
    if likeliest is not first:
        lines.append(f"Most probable on the model: {likeliest.hypothesis} "
                     f"({percent(likeliest.probability)}); ACH prefers the hypothesis with "
                     f"the least evidence against it, so look at what undercuts "
                     f"{likeliest.hypothesis}.")
    flat = [r.indicator for r in matrix.ordered_rows() if not r.discriminates]
    if flat:
        lines.append("Do not discriminate between these hypotheses: " + ", ".join(flat) + ".")
    if matrix.unreported:
        lines.append("Declared but not reported: " + ", ".join(matrix.unreported) + ".")
    return lines


def matrices_text(matrices: Sequence[Matrix]) -> str:
    if not matrices:
        return "No competing set is declared: there is no matrix to draw."
    return "\n\n".join(matrix_text(m) for m in matrices)


def matrices_data(matrices: Sequence[Matrix]) -> dict[str, Any]:
    """The payload of ``assess matrix --format json``."""
    return {"matrices": [m.to_json() for m in matrices]}


CSV_COLUMNS = ("set", "indicator", "hypothesis", "weight", "likelihood_ratio", "effect", "mark",
               "diagnosticity", "discriminates", "probability", "inconsistency", "rank")


def matrices_csv(matrices: Sequence[Matrix]) -> str:
    """Every cell of every matrix, one CSV line each, after a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for matrix in matrices:
        columns = {c.hypothesis: c for c in matrix.columns}
        for row in matrix.ordered_rows():
            for cell in row.cells:
                column = columns[cell.hypothesis]
                writer.writerow([
                    matrix.set, row.indicator, cell.hypothesis, _csv(cell.weight),
                    _csv(cell.likelihood_ratio), _csv(cell.effect), cell.mark,
                    _csv(row.diagnosticity), str(row.discriminates).lower(),
                    _csv(column.probability), _csv(column.inconsistency), column.rank,
                ])
    return out.getvalue().rstrip("\n")


def _csv(value: float | None) -> str:
    shown = json_number(value)
    return "" if shown is None else shown if isinstance(shown, str) else repr(round(shown, 12))
