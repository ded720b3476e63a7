"""ACH matrices as a text table, JSON data, or CSV rows.

Text, one table per competing set: rows are indicators, most diagnostic
first; columns the hypotheses, least inconsistent first; each cell the
effect of the indicator's reports on P(h) in percentage points and its mark::

    threat — ACH matrix: effect of each indicator's reports on P(hypothesis), in points
    indicator  sources  feint     attack    diagnosticity
    talks      b        +24.0 CC  -28.8 II  52.8
    convoy     a        +24.0 CC  +43.2 CC  19.2
    snow       a         +0.0 N    +0.0 N    0.0  does not discriminate
    ...

A cell is ``?`` when the program's ``evidence/2`` observations become
impossible without the indicator's reports (the effect is undefined).

CSV is long ("tidy"): one line per cell, so that several sets fit one file
and a spreadsheet can pivot it. Columns: ``set, indicator, hypothesis,
effect, odds_ratio, mark, diagnosticity, discriminates, probability,
inconsistency, rank``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from assess.analysis.icd203 import percent
from assess.explain.matrix import STRONG, WEAK, Cell, Matrix, Row

LEGEND = (
    f"CC/C: consistent (at least +{STRONG * 100:g} / +{WEAK * 100:g} points), N: neutral, "
    f"I/II: inconsistent (at least -{WEAK * 100:g} / -{STRONG * 100:g})"
)


def _points(value: float | None) -> str:
    """Signed percentage points to one decimal; what rounds to 0 is ``0.0``."""
    if value is None:
        return "?"
    points = round(value * 100, 1)
    return "0.0" if points == 0 else f"{points:+.1f}"


def _cell(cell: Cell) -> str:
    return "?" if cell.effect is None else f"{_points(cell.effect)} {cell.mark}"


def _ordered(rows: Sequence[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (-r.diagnosticity, r.indicator))


def _table(lines: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in lines) for i in range(len(lines[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            for row in lines]


def matrix_text(matrix: Matrix) -> str:
    """One set's matrix, the column summary and the reading of it."""
    head = ["indicator", "sources", *[c.hypothesis for c in matrix.columns], "diagnosticity"]
    grid = [head]
    for row in _ordered(matrix.rows):
        note = "" if row.discriminates else "  does not discriminate"
        grid.append([row.indicator, ", ".join(row.sources), *map(_cell, row.cells),
                     f"{row.diagnosticity * 100:.1f}{note}"])
    grid.append(["P(hypothesis)", "", *[percent(c.probability) for c in matrix.columns], ""])
    grid.append(["inconsistency", "", *[f"{c.inconsistency * 100:.1f}" for c in matrix.columns],
                 ""])
    lines = [f"{matrix.set} — ACH matrix: effect of each indicator's reports on P(hypothesis), "
             f"in percentage points", *_table(grid), LEGEND, *_reading(matrix)]
    return "\n".join(lines)


def _reading(matrix: Matrix) -> list[str]:
    if not matrix.columns:
        return ["No hypothesis of this set is derived from the evidence."]
    first = matrix.columns[0]
    lines = [f"Least inconsistent with the evidence: {first.hypothesis} "
             f"({first.inconsistency * 100:.1f} points against)."]
    likeliest = max(matrix.columns, key=lambda c: (c.probability, -c.rank))
    if likeliest is not first:
        lines.append(f"Most probable on the model: {likeliest.hypothesis} "
                     f"({percent(likeliest.probability)}); ACH prefers the hypothesis with "
                     f"the least evidence against it, so look at what undercuts "
                     f"{likeliest.hypothesis}.")
    flat = [r.indicator for r in _ordered(matrix.rows) if not r.discriminates]
    if flat:
        lines.append("Do not discriminate between these hypotheses: " + ", ".join(flat) + ".")
    if matrix.unreported:
        lines.append("Declared but not reported: " + ", ".join(matrix.unreported) + ".")
    return lines


def matrices_text(matrices: Sequence[Matrix]) -> str:
    if not matrices:
        return "No competing set is declared: there is no matrix to draw."
    return "\n\n".join(matrix_text(m) for m in matrices)


def matrix_data(matrix: Matrix) -> dict[str, Any]:
    """One set's matrix as JSON (the documented contract)."""
    return {
        "set": matrix.set,
        "measure": "effect",
        "hypotheses": [
            {"name": c.hypothesis, "description": c.description, "probability": c.probability,
             "inconsistency": c.inconsistency, "rank": c.rank}
            for c in matrix.columns
        ],
        "rows": [
            {"indicator": r.indicator, "description": r.description, "reports": r.reports,
             "sources": list(r.sources), "diagnosticity": r.diagnosticity,
             "discriminates": r.discriminates,
             "cells": [{"hypothesis": c.hypothesis, "effect": c.effect,
                        "odds_ratio": c.odds_ratio, "mark": c.mark} for c in r.cells]}
            for r in _ordered(matrix.rows)
        ],
        "unreported": list(matrix.unreported),
    }


def matrices_data(matrices: Sequence[Matrix]) -> dict[str, Any]:
    return {"matrices": [matrix_data(m) for m in matrices]}


CSV_COLUMNS = ("set", "indicator", "hypothesis", "effect", "odds_ratio", "mark",
               "diagnosticity", "discriminates", "probability", "inconsistency", "rank")


def matrices_csv(matrices: Sequence[Matrix]) -> str:
    """Every cell of every matrix, one CSV line each, after a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for matrix in matrices:
        columns = {c.hypothesis: c for c in matrix.columns}
        for row in _ordered(matrix.rows):
            for cell in row.cells:
                column = columns[cell.hypothesis]
                writer.writerow([
                    matrix.set, row.indicator, cell.hypothesis, _number(cell.effect),
                    _number(cell.odds_ratio), cell.mark, _number(row.diagnosticity),
                    str(row.discriminates).lower(), _number(column.probability),
                    _number(column.inconsistency), column.rank,
                ])
    return out.getvalue().rstrip("\n")


def _number(value: float | None) -> str:
    return "" if value is None else repr(round(value, 12))
