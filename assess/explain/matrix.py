"""The ACH matrix: how each indicator's reports bear on each competing hypothesis.

Heuer's *analysis of competing hypotheses* lays the evidence (rows) against
the hypotheses of one competing set (columns) and asks of every cell: is
this evidence consistent with this hypothesis? Heuer reads a cell as a
likelihood ratio — how much more likely is this evidence if h is true than
if it is false — and Good measures it as a **weight of evidence** in
decibans (``weight``). Every cell is computed from the exact model:

* **weight** = 10 · log10(odds(P(h)) / odds(P(h without the indicator's
  reports))): every report of any atom of the indicator, from every source,
  set to probability 0 (one re-evaluation of the compiled model per
  indicator; 0 exactly for an indicator that no hypothesis depends on).
  The ratio is the Bayes factor P(E | h) / P(E | ¬h) of the reports read as
  observations; against ¬h, which in a set of exclusive, exhaustive
  hypotheses (the flagship's timing windows) is the rest of the set. It does
  not depend on how probable h was to begin with, so a hypothesis near 0 %
  builds up inconsistency as fast as one near 50 %. Reports that make h
  impossible weigh −∞ (infinitely inconsistent); reports without which h
  would be impossible, +∞. None when the ``evidence/2`` observations are
  impossible without the reports.
* **mark**, Heuer's notation: ``CC`` (weight ≥ +STRONG), ``C`` (≥ +WEAK),
  ``N`` (smaller than WEAK either way), ``I`` (≤ −WEAK), ``II`` (≤ −STRONG),
  with WEAK = 1 dB (Good's smallest change in belief a person perceives;
  odds × 1.26) and STRONG = 5 dB (odds × 3.2, where Jeffreys' scale passes
  from "barely worth mentioning" to "substantial").
* the **effect** in probability points, P(h) − P(h without), is kept beside
  it for reference.

Each row's **diagnosticity** is the spread of its weights across the set
(largest minus smallest, in dB); a row below WEAK cannot discriminate and
is flagged. Columns are ranked by **inconsistency**, the decibans of
evidence against each hypothesis: minus the sum of its negative weights,
marked or not (weights add; a threshold would make the ranking jump when a
cell crosses it). Disconfirming evidence counts, as Heuer insists;
consistent evidence proves little. Least inconsistent first, ties by
probability; a hypothesis that any report makes impossible is infinitely
inconsistent and last.

Example (tests/analysis/fixtures/matrix.assess): ``talks`` divides the odds
of ``attack`` by 3.38 (−5.3 dB, II) and multiplies those of ``feint`` by
2.67 (+4.3 dB, C): diagnosticity 9.5 dB.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assess.engine.ir import IRProgram
from assess.explain.effects import group_inputs, origin_of, probabilities_without
from assess.explain.judgement import hypothesis_queries
from assess.explain.weight import decibans, likelihood_ratio
from assess.results import Result, json_number
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.compiled import Compiled
from assess.syntax import ast

WEAK = 1.0
STRONG = 5.0


@dataclass(frozen=True, slots=True)
class Cell:
    hypothesis: str
    weight: float | None
    """Decibans (±inf at the ends); None when the evidence cannot be
    conditioned without these reports."""
    effect: float | None
    """P(h) − P(h without the reports), in probability (0..1)."""
    mark: str

    @property
    def likelihood_ratio(self) -> float | None:
        """The Bayes factor 10 ** (weight / 10): 0 for −∞, inf for +∞."""
        return None if self.weight is None else likelihood_ratio(self.weight)


@dataclass(frozen=True, slots=True)
class Row:
    indicator: str
    description: str
    reports: int
    sources: tuple[str, ...]
    cells: tuple[Cell, ...]
    diagnosticity: float
    """The spread of the row's weights, in dB (inf when one is infinite)."""

    @property
    def discriminates(self) -> bool:
        return self.diagnosticity >= WEAK


@dataclass(frozen=True, slots=True)
class Column:
    hypothesis: str
    description: str
    probability: float
    inconsistency: float
    """Decibans of evidence against h (≥ 0; inf when a report rules it out)."""
    rank: int


@dataclass(frozen=True, slots=True, repr=False)
class Matrix(Result):
    """One competing set's matrix; columns and each row's cells in rank order
    (least inconsistent first)."""

    set: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    unreported: tuple[str, ...]
    """Declared indicators with no report: rows that could be added."""

    def ordered_rows(self) -> list[Row]:
        """The rows most diagnostic first (ties by name), as they are shown."""
        return sorted(self.rows, key=lambda r: (-r.diagnosticity, r.indicator))

    def to_json(self) -> dict[str, Any]:
        """The set's matrix as ``assess matrix --format json`` lists it;
        infinities are ``"+inf"``/``"-inf"``."""
        n = json_number
        return {
            "set": self.set,
            "measure": "decibans",
            "hypotheses": [
                {"name": c.hypothesis, "description": c.description,
                 "probability": c.probability, "inconsistency": n(c.inconsistency),
                 "rank": c.rank}
                for c in self.columns
            ],
            "rows": [
                {"indicator": r.indicator, "description": r.description, "reports": r.reports,
                 "sources": list(r.sources), "diagnosticity": n(r.diagnosticity),
                 "discriminates": r.discriminates,
                 "cells": [{"hypothesis": c.hypothesis, "weight": n(c.weight),
                            "likelihood_ratio": n(c.likelihood_ratio), "effect": c.effect,
                            "mark": c.mark} for c in r.cells]}
                for r in self.ordered_rows()
            ],
            "unreported": list(self.unreported),
        }


def mark(weight: float | None) -> str:
    """Heuer's consistency mark for a weight of evidence in decibans."""
    if weight is None:
        return "?"
    if weight >= STRONG:
        return "CC"
    if weight >= WEAK:
        return "C"
    if weight <= -STRONG:
        return "II"
    if weight <= -WEAK:
        return "I"
    return "N"


@dataclass(frozen=True)
class _Without:
    """Every query's probability, and with each indicator's reports at 0."""

    baseline: tuple[float, ...]
    without: Mapping[str, tuple[float, ...] | None]

    def cell(self, name: str, indicator: str, query: int) -> Cell:
        base = self.baseline[query]
        after = self.without.get(indicator, self.baseline)
        if after is None:
            return Cell(name, None, None, "?")
        weight = decibans(base, after[query])
        return Cell(name, weight, base - after[query], mark(weight))


def matrices(compiled: Compiled, only: str | None = None) -> list[Matrix]:
    """The matrix of every competing set (or of the set named ``only``)."""
    ir, model = compiled.ir, compiled.model
    groups = group_inputs(ir, model)
    baseline = tuple(r.probability for r in model.probabilities())
    table = _Without(baseline, {
        name: None if (after := probabilities_without(model, inputs)) is None else tuple(after)
        for name, inputs in groups.indicators.items()
    })
    cluster = origin_of(ir)
    queries = hypothesis_queries(compiled)
    found = []
    for competing in ir.competing:
        if only is not None and competing.name != only:
            continue
        members = [q for q in queries if model.queries[q][0].name in competing.members]
        found.append(_matrix(compiled, competing, members, table, groups.indicators, cluster))
    return found


def _matrix(
    compiled: Compiled, competing: ast.CompetingDecl, members: Sequence[int],
    table: _Without, groups: Mapping[str, tuple[Input, ...]], cluster: dict[str, str],
) -> Matrix:
    ir = compiled.ir
    names = {q: atom_text(compiled.model.queries[q]) for q in members}
    against = {q: 0.0 for q in members}
    rows = []
    reported = _reported(ir)
    for indicator in sorted(reported):
        cells = [table.cell(names[q], indicator, q) for q in members]
        for q, cell in zip(members, cells, strict=True):
            against[q] += max(0.0, -(cell.weight or 0.0))
        reports = reported[indicator]
        origins = sorted({cluster.get(r.source, r.source) for r in reports})
        decl = ir.indicators.get(indicator)
        rows.append((indicator, decl.description if decl else "", len(reports),
                     tuple(origins), cells, spread(cells)))
    columns = _rank(compiled, members, names, against)
    order = [c.hypothesis for c in columns]
    built = tuple(
        Row(i, d, n, o, tuple(sorted(cells, key=lambda c: order.index(c.hypothesis))), s)
        for i, d, n, o, cells, s in rows
    )
    unreported = tuple(sorted(set(ir.indicators) - set(reported)))
    return Matrix(competing.name, columns, built, unreported)


def spread(cells: Sequence[Cell]) -> float:
    """Largest minus smallest known weight (inf when one of them is infinite)."""
    known = [c.weight for c in cells if c.weight is not None]
    if not known or max(known) == min(known):
        return 0.0
    return max(known) - min(known)


def _reported(ir: IRProgram) -> dict[str, list[ast.Report]]:
    """Indicator name -> every report of it (outside the model's cone or not)."""
    found: dict[str, list[ast.Report]] = {}
    for reports in ir.reports.values():
        for report in reports:
            found.setdefault(report.atom.predicate, []).append(report)
    return found


def _rank(
    compiled: Compiled, members: Sequence[int], names: dict[int, str],
    against: dict[int, float],
) -> tuple[Column, ...]:
    model, ir = compiled.model, compiled.ir
    probabilities = {r.text: r.probability for r in model.probabilities()}
    ordered = sorted(members, key=lambda q: (round(against[q], 9),
                                             -probabilities[names[q]], names[q]))
    return tuple(
        Column(names[q], ir.hypotheses[model.queries[q][0].name].description,
               probabilities[names[q]], against[q], rank)
        for rank, q in enumerate(ordered, start=1)
    )
