"""Reports as an analyst cites them, and their choices' probabilities.

Reports of one ground atom from one *origin* are a single choice whose
probability is the best grade among them (``analysis.grading.
choice_probability``, which lowering builds the choice with). So removing
or regrading one report changes its choice to the best grade among what is
left, or to 0 when nothing is left; ``what-if`` and ``track`` change
choices through the same function.

Example: two reports of ``convoy`` by sources of one origin, graded B2
(0.80) and D3 (0.525), are one choice of probability 0.80; dropping the B2
report leaves 0.525, dropping both leaves 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assess.analysis.grading import RELIABILITY_WORDS, report_probability
from assess.engine.ir import IRProgram
from assess.engine.lower import ground_atom
from assess.semantics.prob.choices import atom_text
from assess.syntax import ast

Grader = Callable[[ast.Report], float | None]
"""A report's probability under some change; None: the report is gone."""


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """One report, with what an analyst needs to judge it."""

    atom: str
    source: str
    source_description: str
    reliability: str
    reliability_words: str
    credibility: int
    grade: str
    probability: float
    date: str | None
    quote: str | None
    file: str
    line: int
    row_key: dict[str, str] | None = None
    """For a report read from a database table with a primary key, the key
    of its row (column → value; ``file`` names the table), else None."""

    @property
    def key(self) -> str:
        """``atom@source``: how commands name one report."""
        return f"{self.atom}@{self.source}"


def report_text(report: ast.Report) -> str:
    ground = ground_atom(report.atom)
    assert ground is not None
    return atom_text(ground)


def report_info(ir: IRProgram, report: ast.Report) -> ReportInfo:
    source = ir.sources[report.source]
    return ReportInfo(
        atom=report_text(report),
        source=report.source,
        source_description=source.description,
        reliability=source.reliability,
        reliability_words=RELIABILITY_WORDS.get(source.reliability, ""),
        credibility=report.credibility,
        grade=f"{source.reliability}{report.credibility}",
        probability=report_probability(source.reliability, report.credibility, ir.grades),
        date=report.date,
        quote=report.quote,
        file=report.span.file,
        line=report.span.line,
        row_key=dict(report.row) if report.row else None,
    )


def graded(
    ir: IRProgram, reliability: Mapping[str, str] | None = None
) -> Callable[[ast.Report], float]:
    """Each report's probability, with sources regraded as ``reliability`` says."""
    letters = reliability or {}

    def grade(report: ast.Report) -> float:
        letter = letters.get(report.source, ir.sources[report.source].reliability)
        return report_probability(letter, report.credibility, ir.grades)

    return grade


def without(grader: Grader, gone: Callable[[ast.Report], bool]) -> Grader:
    """``grader`` with the reports ``gone`` removed."""
    return lambda r: None if gone(r) else grader(r)
