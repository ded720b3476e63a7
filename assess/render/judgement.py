"""The analyst's judgements as text and as JSON data.

Text, one block per competing set, most probable first::

    purpose — most probable first
      1. distraction_feint: likely (71 %)
         "The build-up is meant to pin Ukrainian forces in the north"
         For: [show_without_force] (belarus_2022.assess:260) raises it from 49 % to
           71 %; it rests on reporters' report of equipment_sent_to_russia
           (2022-12-19): "For months, Belarus has sent equipment …"
         Against: nothing in the evidence counts against it.
         Confidence is moderate. Five independent sources bear on it …

The likelihood and the confidence are separate sentences (ICD 203). JSON:
each judgement is one object of the ``hypotheses`` list (see
``judgement_data``), added to the ``prob`` reading's document.
"""

from __future__ import annotations

import os
import textwrap
from typing import Any

from assess.analysis.icd203 import clamp, estimate, percent
from assess.explain.arguments import Argument, report_text
from assess.explain.confidence import STEP, Confidence
from assess.explain.judgement import Judgement, Judgements
from assess.render.prob import prob_lines, query_data
from assess.syntax import ast

WIDTH = 88
QUOTE = 110
NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _wrap(text: str, indent: str) -> list[str]:
    """Wrapped lines; a number stays on the line of its ``%``."""
    glued = text.replace(" %", "\u00a0%")
    lines = textwrap.wrap(glued, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
    return [line.replace("\u00a0", " ") for line in lines]


def possessive(name: str) -> str:
    """``pentagon's``, ``reporters'``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _quote(report: ast.Report) -> str:
    dated = f" ({report.date})" if report.date else ""
    if not report.quote:
        return dated
    quote = report.quote
    if len(quote) > QUOTE:
        quote = quote[:QUOTE].rsplit(" ", 1)[0].rstrip(",;:.") + " …"
    return f"{dated}: \u201c{quote}\u201d"


def _where(span: ast.Span) -> str:
    return f"{os.path.basename(span.file)}:{span.line}" if span.line else span.file


def argument_text(argument: Argument | None, probability: float, side: str) -> str:
    """``For: [a] (f:3) raises it from 40 % to 72 %; it rests on …``."""
    if argument is None:
        return (
            "For: no weighted argument supports it."
            if side == "for"
            else "Against: nothing in the evidence counts against it."
        )
    without = clamp(probability - argument.effect)
    verb = "raises" if argument.effect > 0 else "lowers"
    if argument.is_report and argument.report is not None:
        report = argument.report
        also = f" (also reported by {_names(argument.corroborating)})" if (
            argument.corroborating) else ""
        return (
            f"{side.capitalize()}: {possessive(report.source)} report of "
            f"{report_text(report)}{_quote(report)}{also} {verb} it from {percent(without)} "
            f"to {percent(probability)}."
        )
    text = (
        f"{side.capitalize()}: {argument.name} ({_where(argument.span)}) {verb} it from "
        f"{percent(without)} to {percent(probability)}"
    )
    if argument.report is not None:
        text += (
            f"; it rests on {possessive(argument.report.source)} report of "
            f"{report_text(argument.report)}{_quote(argument.report)}"
        )
        if argument.corroborating:
            text += ", corroborated by " + _names(argument.corroborating)
    return text + "."


def _names(names: tuple[str, ...], shown: int = 3) -> str:
    """``a, b, c`` or ``a, b, c and 2 more``."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


def _count(n: int) -> str:
    return NUMBERS[n] if n < len(NUMBERS) else str(n)


def _grade_words(c: Confidence) -> str:
    if c.well_graded:
        return "well graded"
    return "fairly graded" if (c.mean_grade or 0.0) >= 0.6 else "poorly graded"


def confidence_text(c: Confidence) -> str:
    """The confidence sentence: level, then the factors behind it."""
    n = len(c.sources)
    if n == 0:
        sources = "no report moves it by a percentage point or more"
    else:
        named = _names(c.sources)
        noun = "source bears" if n == 1 else "independent sources bear"
        sources = f"{_count(n)} {noun} on it ({named})"
        sources += f", {_grade_words(c)} (mean report probability {c.mean_grade:.2f})"
    s = c.sensitivity
    if s.changes_term and s.moved_to is not None:
        moved = estimate(clamp(s.moved_to)).value
        sensitivity = (
            f"a change of {STEP:g} in {s.input} would move it to "
            f"{percent(clamp(s.moved_to))} ({moved})"
        )
    elif s.input is None:
        sensitivity = "no input can move it"
    else:
        sensitivity = f"no change of {STEP:g} in a single input moves it out of its band"
    return f"Confidence is {c.level.value}: {sources}; {sensitivity}."


def judgement_lines(j: Judgement) -> list[str]:
    head = f"  {j.rank}. {j.name}: {j.phrase}"
    if j.phrase == j.estimate.value:
        head += f" ({percent(j.probability)})"
    lines = [head, f"     \u201c{j.description}\u201d"]
    lines += _wrap(argument_text(j.support, j.probability, "for"), "     ")
    lines += _wrap(argument_text(j.against, j.probability, "against"), "     ")
    if (note := contest_text(j)) is not None:
        lines += _wrap(note, "     ")
    lines += _wrap(confidence_text(j.confidence), "     ")
    return lines


def contest_text(j: Judgement) -> str | None:
    """``Contested in 24 % of cases: …``, when it shows as a percentage."""
    if j.contested is None or j.contrary is None or percent(clamp(j.contested)) == "0 %":
        return None
    return (
        f"Contested in {percent(clamp(j.contested))} of cases: arguments for and against "
        f"it both apply and neither prevails; what contradicts it holds in "
        f"{percent(clamp(j.contrary))}."
    )




def assessment_text(result: Judgements) -> str:
    """Every competing set, most probable first, then hypotheses in no set."""
    missing = set(result.underived)
    blocks: list[list[str]] = []
    for decl in result.ir.competing:
        members = next((m for name, m in result.sets if name == decl.name), ())
        lines = [line for j in members for line in judgement_lines(j)]
        lines += [_underived_line(h, result) for h in decl.members if h in missing]
        if lines:
            blocks.append([f"{decl.name} — most probable first", *lines])
    in_sets = {h for c in result.ir.competing for h in c.members}
    loose = [line for j in result.judgements if j.set is None for line in judgement_lines(j)]
    loose += [_underived_line(h, result) for h in sorted(missing - in_sets)]
    if loose:
        blocks.append(["hypotheses in no competing set", *loose])
    return "\n\n".join("\n".join(block) for block in blocks)


def _underived_line(name: str, result: Judgements) -> str:
    params = result.ir.hypotheses[name].params
    shown = f"{name}({', '.join(p.upper() for p in params)})" if params else name
    return f"  –  {shown}: no instance is derived on this evidence."


def _argument_data(a: Argument | None) -> dict[str, Any] | None:
    if a is None:
        return None
    report = a.report
    return {
        "kind": "report" if a.is_report else "rule",
        "rule": a.label,
        "file": a.span.file,
        "line": a.span.line,
        "effect": a.effect,
        "source": a.origin if report is None else report.source,
        "corroborated_by": list(a.corroborating),
        "report": None if report is None else {
            "atom": report_text(report),
            "source": report.source,
            "credibility": report.credibility,
            "date": report.date,
            "quote": report.quote,
        },
    }


def judgement_data(j: Judgement) -> dict[str, Any]:
    """One hypothesis as JSON (the documented contract)."""
    c, s = j.confidence, j.confidence.sensitivity
    return {
        "name": j.name,
        "description": j.description,
        "set": j.set,
        "rank": j.rank,
        "probability": j.probability,
        "estimate": j.estimate.value,
        "band": list(j.band),
        "phrase": j.phrase,
        "confidence": {
            "level": c.level.value,
            "sources": list(c.sources),
            "mean_grade": c.mean_grade,
            "sensitivity": {
                "input": s.input,
                "derivative": s.derivative,
                "changes_term": s.changes_term,
                "moved_to": s.moved_to,
            },
        },
        "for": _argument_data(j.support),
        "against": _argument_data(j.against),
    } | ({} if j.contested is None else {"contrary": j.contrary, "contested": j.contested})


def assessment_data(result: Judgements) -> dict[str, Any]:
    """The ``prob`` document with the judgements: queries, then hypotheses."""
    return {
        "semantics": "prob",
        "queries": [query_data(q) for q in result.queries],
        "hypotheses": [judgement_data(j) for j in result.judgements],
        "underived": list(result.underived),
    }


def run_text(result: Judgements) -> str:
    """``assess run`` under ``prob``: the judgements, then the other queries."""
    judged = {j.name for j in result.judgements}
    others = [q for q in result.queries if q.text not in judged]
    parts = [assessment_text(result)] if result.judgements else []
    if others:
        lines = prob_lines(others)
        parts.append(f"other queries\n{lines}" if parts else lines)
    return "\n\n".join(parts)
