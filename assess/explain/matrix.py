"""The ACH matrix: how each indicator's reports bear on each competing hypothesis.

Heuer's *analysis of competing hypotheses* lays the evidence (rows) against
the hypotheses of one competing set (columns) and asks of every cell: is
this evidence consistent with this hypothesis? Here every cell is computed
from the exact model:

* **effect** = P(h) − P(h without the indicator's reports): every report of
  any atom of the indicator, from every source, set to probability 0 (one
  re-evaluation of the compiled model per indicator; 0 exactly for an
  indicator that no hypothesis depends on). Positive: the reports
  support h; negative: they undercut it. This is the primary measure, in
  probability points, because it reads directly ("the reports of talks take
  29 points off attack").
* **odds ratio** = odds(P(h)) / odds(P(h without the reports)): the factor by
  which the reports multiply h's odds — the likelihood ratio P(E | h) /
  P(E | ¬h) if the reports are read as observations under Bayes' rule. None
  when either probability is 0 or 1 (the ratio is undefined or infinite).
* **mark**, Heuer's notation: ``CC`` (effect ≥ +STRONG), ``C`` (≥ +WEAK),
  ``N`` (smaller than WEAK either way), ``I`` (≤ −WEAK), ``II`` (≤ −STRONG),
  with WEAK = 2 and STRONG = 10 percentage points.

Each row's **diagnosticity** is the spread of its effects across the set
(largest minus smallest); a row below WEAK cannot discriminate and is
flagged. Columns are ranked by **weighted inconsistency**, the sum of the
negative effects on each hypothesis (disconfirming evidence counts, as
Heuer insists; consistent evidence proves little): least inconsistent first,
ties by probability.

Example (tests/analysis/fixtures/matrix.assess): ``talks`` takes 28.8 points
off ``attack`` (II) and adds 24 to ``feint`` (CC): diagnosticity 52.8.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assess.engine.ir import IRProgram
from assess.explain.effects import EffectTable, effect_table, group_inputs, origin_of
from assess.explain.judgement import hypothesis_queries
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.compiled import Compiled
from assess.syntax import ast

WEAK = 0.02
STRONG = 0.10


@dataclass(frozen=True, slots=True)
class Cell:
    hypothesis: str
    effect: float | None
    """None when the evidence cannot be conditioned without these reports."""
    odds_ratio: float | None
    mark: str


@dataclass(frozen=True, slots=True)
class Row:
    indicator: str
    description: str
    reports: int
    sources: tuple[str, ...]
    cells: tuple[Cell, ...]
    diagnosticity: float

    @property
    def discriminates(self) -> bool:
        return self.diagnosticity >= WEAK


@dataclass(frozen=True, slots=True)
class Column:
    hypothesis: str
    description: str
    probability: float
    inconsistency: float
    rank: int


@dataclass(frozen=True, slots=True)
class Matrix:
    """One competing set's matrix; columns and each row's cells in rank order."""

    set: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    unreported: tuple[str, ...]
    """Declared indicators with no report: rows that could be added."""


def mark(effect: float | None) -> str:
    """Heuer's consistency mark for an effect in probability points."""
    if effect is None:
        return "?"
    if effect >= STRONG:
        return "CC"
    if effect >= WEAK:
        return "C"
    if effect <= -STRONG:
        return "II"
    if effect <= -WEAK:
        return "I"
    return "N"


def odds_ratio(with_: float, without: float) -> float | None:
    """odds(with) / odds(without); None when undefined or infinite."""
    if not (0.0 < with_ < 1.0 and 0.0 < without < 1.0):
        return None if with_ != without else 1.0
    return (with_ / (1.0 - with_)) / (without / (1.0 - without))


def matrices(compiled: Compiled, only: str | None = None) -> list[Matrix]:
    """The matrix of every competing set (or of the set named ``only``)."""
    ir, model = compiled.ir, compiled.model
    groups = group_inputs(ir, model)
    table = effect_table(model, {("indicator", k): v for k, v in groups.indicators.items()})
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
    table: EffectTable, groups: Mapping[str, tuple[Input, ...]], cluster: dict[str, str],
) -> Matrix:
    ir = compiled.ir
    names = {q: atom_text(compiled.model.queries[q]) for q in members}
    inconsistency = {q: 0.0 for q in members}
    rows = []
    reported = _reported(ir)
    for indicator in sorted(reported):
        cells = []
        for q in members:
            inside = indicator in groups
            effect = table.effect(("indicator", indicator), q) if inside else 0.0
            base = table.baseline[q]
            ratio = None if effect is None else odds_ratio(base, base - effect)
            cells.append(Cell(names[q], effect, ratio, mark(effect)))
            inconsistency[q] += max(0.0, -(effect or 0.0))
        known = [c.effect for c in cells if c.effect is not None]
        reports = reported[indicator]
        origins = sorted({cluster.get(r.source, r.source) for r in reports})
        decl = ir.indicators.get(indicator)
        rows.append((indicator, decl.description if decl else "", len(reports),
                     tuple(origins), cells, max(known) - min(known) if known else 0.0))
    columns = _rank(compiled, members, names, inconsistency)
    order = [c.hypothesis for c in columns]
    built = tuple(
        Row(i, d, n, o, tuple(sorted(cells, key=lambda c: order.index(c.hypothesis))), spread)
        for i, d, n, o, cells, spread in rows
    )
    unreported = tuple(sorted(set(ir.indicators) - set(reported)))
    return Matrix(competing.name, columns, built, unreported)


def _reported(ir: IRProgram) -> dict[str, list[ast.Report]]:
    """Indicator name -> every report of it (outside the model's cone or not)."""
    found: dict[str, list[ast.Report]] = {}
    for reports in ir.reports.values():
        for report in reports:
            found.setdefault(report.atom.predicate, []).append(report)
    return found


def _rank(
    compiled: Compiled, members: Sequence[int], names: dict[int, str],
    inconsistency: dict[int, float],
) -> tuple[Column, ...]:
    model, ir = compiled.model, compiled.ir
    probabilities = {r.text: r.probability for r in model.probabilities()}
    ordered = sorted(members, key=lambda q: (round(inconsistency[q], 12),
                                             -probabilities[names[q]], names[q]))
    return tuple(
        Column(names[q], ir.hypotheses[model.queries[q][0].name].description,
               probabilities[names[q]], inconsistency[q], rank)
        for rank, q in enumerate(ordered, start=1)
    )
