"""The analyst's judgements as text and as JSON data.

Text, one block per competing set, most probable first::

    purpose — exactly one holds; most probable first
      1. distraction_feint: unlikely (45 %)
         "The build-up is meant to pin Ukrainian forces in the north, not to attack"
         For: the strongest argument raises it from 57 % to 66 %; it rests on
           massicot's report of deliberate_ambiguity (2022-12-19): "It's an
           ambiguous posture and it benefits Russia to have it ambiguous".
         Against: the strongest argument lowers it from 78 % to 66 %; it rests on …
         Confidence is low: two independent sources agree with it (massicot, …

The default text is meant to be pasted into a product: no rule labels and
no file:line; ``verbose`` (``assess run --verbose``) names each argument's
rule and place (``For: [ambiguity_pays] (belarus_2022.assess:362) raises
…``), as ``why`` and the JSON do.
The likelihood and the confidence are separate sentences (ICD 203); the
confidence names the origins that agree and oppose and says, in decibans,
how far losing the best of them or a small change moves the judgement
(``assess.explain.confidence``). Quotes are shown whole, or cut to whole
sentences or at a word boundary, marked ``…`` (``shorten``). JSON:
each judgement is one object of the ``hypotheses`` list (see
``Judgement.to_json``), added to the ``prob`` reading's document.
"""

from __future__ import annotations

import os
import re
import textwrap

from assess.analysis.icd203 import clamp, percent
from assess.explain.arguments import Argument, report_text
from assess.explain.judgement_result import Judgement, Judgements, SetSummary
from assess.render.confidence import judged_confidence_text, names
from assess.render.prob import prob_lines
from assess.syntax import ast

WIDTH = 88
QUOTE = 240


def _wrap(text: str, indent: str) -> list[str]:
    """Wrapped lines; a number stays on the line of its ``%``."""
    glued = text.replace(" %", "\u00a0%").replace(" dB", "\u00a0dB")
    lines = textwrap.wrap(glued, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
    return [line.replace("\u00a0", " ") for line in lines]


def possessive(name: str) -> str:
    """``pentagon's``, ``reporters'``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _quote(report: ast.Report, whole: bool = False) -> str:
    dated = f" ({report.date})" if report.date else ""
    if not report.quote:
        return dated
    return f"{dated}: \u201c{report.quote if whole else shorten(report.quote)}\u201d"


def shorten(quote: str, limit: int = QUOTE) -> str:
    """A quote whole when it fits in ``limit`` characters; else its first
    whole sentences that fit (an ellipsis ``...`` ends none); else cut at
    the last word boundary that fits. A cut is marked `` …``.

    >>> shorten("One. Two three.", 10)
    'One. …'
    >>> shorten("a long phrase without an end", 12)
    'a long …'
    """
    quote = " ".join(quote.split())
    if len(quote) <= limit:
        return quote
    sentences = re.findall(r".+?(?<!\.)[.!?](?!\.)(?:\s|$)|.+$", quote)
    kept = ""
    for sentence in sentences:
        if len(kept + sentence) > limit - 2:
            break
        kept += sentence
    if kept.strip():
        return kept.rstrip() + " …"
    head = quote[: limit - 2]
    if quote[limit - 2] != " ":
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(",;:. ") + " …"


def _where(span: ast.Span) -> str:
    return f"{os.path.basename(span.file)}:{span.line}" if span.line else span.file


def judgement_arguments(
    j: Judgement, verbose: bool = False, whole: bool = False
) -> tuple[str, str] | None:
    """The For and Against sentences of ``j``, on the number it is judged by
    (P(h | c) in a set given c, said so); None where there is no judgement."""
    if j.undefined:
        return None
    condition = j.condition if j.given is not None else None
    return (
        argument_text(j.support, j.judged, "for", verbose, condition, whole),
        argument_text(j.against, j.judged, "against", verbose, condition, whole),
    )


def argument_text(
    argument: Argument | None, probability: float, side: str, verbose: bool = False,
    condition: str | None = None, whole: bool = False,
) -> str:
    """``For: the strongest argument raises it from 40 % to 72 %; it rests on …``;
    ``verbose`` names the argument's rule and place: ``For: [a] (f:3) raises …``;
    with a ``condition``, the percentages are P(h | condition), said so;
    ``whole``: quotes are not shortened (the HTML report)."""
    if argument is None:
        return (
            "For: no weighted argument supports it."
            if side == "for"
            else "Against: nothing in the evidence counts against it."
        )
    without = clamp(probability - argument.effect)
    verb = "raises" if argument.effect > 0 else "lowers"
    given = "" if condition is None else f" if {condition} holds"
    if argument.is_report and argument.report is not None:
        report = argument.report
        also = f" (also reported by {names(argument.corroborating)})" if (
            argument.corroborating) else ""
        return (
            f"{side.capitalize()}: {possessive(report.source)} report of "
            f"{report_text(report)}{_quote(report, whole)}{also} {verb} it from {percent(without)} "
            f"to {percent(probability)}{given}."
        )
    named = f"{argument.name} ({_where(argument.span)})" if verbose else "the strongest argument"
    text = (
        f"{side.capitalize()}: {named} {verb} it from "
        f"{percent(without)} to {percent(probability)}{given}"
    )
    if argument.report is not None:
        text += (
            f"; it rests on {possessive(argument.report.source)} report of "
            f"{report_text(argument.report)}{_quote(argument.report, whole)}"
        )
        if argument.corroborating:
            text += ", corroborated by " + names(argument.corroborating)
    return text + "."


def judgement_head(j: Judgement) -> str:
    """``1. no_attack: likely (78 %)``, with the condition of a conditional set
    (``1. a: no judgement, since c cannot hold on this evidence (48 % overall)``
    when it has probability 0)."""
    head = f"{j.rank}. {j.name}: {j.phrase}"
    overall = f"({percent(clamp(j.probability))} overall)"
    if j.undefined:
        return f"{head} {overall}"
    if j.estimate is not None and j.phrase == j.estimate.value:
        head += f" ({percent(j.judged)})"
    if j.given is not None:
        head += f" if {j.condition} holds {overall}"
    return head


def judgement_lines(j: Judgement, verbose: bool = False) -> list[str]:
    lines = [f"  {judgement_head(j)}", f"     \u201c{j.description}\u201d"]
    for argument in judgement_arguments(j, verbose) or ():
        lines += _wrap(argument, "     ")
    if (note := contest_text(j)) is not None:
        lines += _wrap(note, "     ")
    if (sentence := judged_confidence_text(j, verbose)) is not None:
        lines += _wrap(sentence, "     ")
    return lines


def contest_text(j: Judgement) -> str | None:
    """``Contested in 24 % of cases: …``, when it shows as a percentage; of
    every case, said so, for a member of a set given c."""
    if j.contested is None or j.contrary is None or percent(clamp(j.contested)) == "0 %":
        return None
    overall = " overall" if j.given is not None or j.undefined else ""
    return (
        f"Contested in {percent(clamp(j.contested))} of cases{overall}: arguments for and "
        f"against it both apply and neither prevails; what contradicts it holds in "
        f"{percent(clamp(j.contrary))}{overall}."
    )




def assessment_text(result: Judgements, verbose: bool = False) -> str:
    """Every competing set, most probable first, then hypotheses in no set;
    rule labels and places only when ``verbose``."""
    missing = set(result.underived)
    blocks: list[list[str]] = []
    for decl in result.ir.competing:
        members = next((m for name, m in result.sets if name == decl.name), ())
        lines = [line for j in members for line in judgement_lines(j, verbose)]
        lines += [_underived_line(h, result) for h in decl.members if h in missing]
        if lines:
            blocks.append([set_heading(decl.name, result.readout(decl.name)), *lines])
    in_sets = {h for c in result.ir.competing for h in c.members}
    loose = [line for j in result.judgements if j.set is None
             for line in judgement_lines(j, verbose)]
    loose += [_underived_line(h, result) for h in sorted(missing - in_sets)]
    if loose:
        blocks.append(["hypotheses in no competing set", *loose])
    return "\n\n".join("\n".join(block) for block in blocks)


def set_heading(name: str, readout: SetSummary | None) -> str:
    """``timing — exactly one holds; most probable first``, or, for a set that
    is not exclusive, its overlap and residual; a condition leads."""
    if readout is None:
        return f"{name} — most probable first"
    parts = []
    if readout.given is not None:
        parts.append(f"if {readout.given} holds ({percent(clamp(readout.condition))})")
    if readout.exclusive:
        parts.append("exactly one holds")
    else:
        parts.append(
            f"not exclusive (P(more than one) {percent(clamp(readout.overlap))}, "
            f"P(none) {percent(clamp(readout.none))})"
        )
    return f"{name} — {', '.join(parts)}; most probable first"


def _underived_line(name: str, result: Judgements) -> str:
    params = result.ir.hypotheses[name].params
    shown = f"{name}({', '.join(p.upper() for p in params)})" if params else name
    return f"  –  {shown}: no instance is derived on this evidence."


def run_text(result: Judgements, verbose: bool = False) -> str:
    """``assess run`` under ``prob``: the judgements, then the other queries.

    The default text can be pasted into a product: no rule labels, no file
    and line (``why``, JSON and ``verbose`` keep them)."""
    judged = {j.name for j in result.judgements}
    others = [q for q in result.queries if q.text not in judged]
    parts = [assessment_text(result, verbose)] if result.judgements else []
    if others:
        lines = prob_lines(others)
        parts.append(f"other queries\n{lines}" if parts else lines)
    return "\n\n".join(parts)
