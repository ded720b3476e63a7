"""``why`` and ``why-not`` answers as text an analyst can follow.

``why`` prints the atom's probability and term, then each proof as an
indented tree: the conclusion with the argument (rule label, weight,
file:line) that draws it, each premise beneath it, and at the leaves the
reports (source and who it is, grade in words, date, quote). Then each
report's contribution: the probability without it and the difference in
percentage points; then the reports that a newer report of their origin
superseded, each with the one that superseded it.

Example (abridged)::

    h: likely (63 %)

    Proof 1 (probability 39 %)
      h (63 %) by [r1] weight 0.7, rules.assess:9
        a (80 %) reported by pentagon (Pentagon), B2: usually reliable, probably true ...
"""

from __future__ import annotations

from assess.analysis.grading import CREDIBILITY_WORDS
from assess.analysis.icd203 import clamp, percent
from assess.explain.abduce import WhyNotResult
from assess.explain.argue import ArgueResult, RuleStand
from assess.explain.evidence import ReportInfo
from assess.explain.why import ProofTree, Step, WhyResult
from assess.explain.whynot import Attempt, WhyNotNode


def pct(p: float | None) -> str:
    return "?" if p is None else percent(clamp(p))


def judgement(term: str, p: float) -> str:
    """``likely (63 %)``; a term that states its number is not repeated."""
    return term if "%" in term else f"{term} ({pct(p)})"


def headline(atom: str, term: str, p: float) -> str:
    """``h: likely (63 %)``."""
    return f"{atom}: {judgement(term, p)}"


def points(delta: float) -> str:
    return f"{delta * 100:+.1f} points"


def report_line(r: ReportInfo) -> str:
    words = f"{r.reliability_words}, {CREDIBILITY_WORDS.get(r.credibility, '')}"
    text = (f"reported by {r.source} ({r.source_description}), "
            f"graded {r.grade} ({words}) = {pct(r.probability)}")
    if r.date:
        text += f", on {r.date}"
    if r.quote:
        text += f': "{r.quote}"'
    return f"{text}  [{report_place(r)}]"


def report_place(r: ReportInfo) -> str:
    """``file:line``, or a table row by its key: ``postgres:reports id=17``."""
    if r.row_key:
        return f"{r.file} " + " ".join(f"{k}={v}" for k, v in r.row_key.items())
    return f"{r.file}:{r.line}"


def _step(step: Step, indent: int, out: list[str]) -> None:
    pad = "  " * indent
    head = f"{pad}{step.atom} ({pct(step.probability)})"
    if step.shared:
        out.append(f"{head}: as shown above")
        return
    if step.reports:
        out.append(f"{head} rests on:")
        out.extend(f"{pad}  - {report_line(r)}" for r in step.reports)
        return
    if step.rule is None:
        out.append(f"{head}: a certain fact")
        return
    name = f"[{step.rule.label}]" if step.rule.label else "rule"
    weight = "" if step.rule.weight is None else f" weight {step.rule.weight:g}"
    out.append(f"{head} by {name}{weight}  [{step.rule.file}:{step.rule.line}]")
    out.append(f"{pad}    {step.rule.text}")
    for c, p in step.conditions:
        out.append(f"{pad}  provided {c} does not hold (it holds with {pct(p)})")
    for c, p in step.attacked_by:
        out.append(f"{pad}  attacked by {c} ({pct(p)}): see why {c}")
    for premise in step.premises:
        _step(premise, indent + 1, out)


SHOWN_DELTA = 0.001
"""Text lists the reports that move the answer by at least 0.1 points (JSON: all)."""


def _conditions(step: Step) -> int:
    return len(step.conditions) + sum(_conditions(p) for p in step.premises)


def _proof_header(i: int, proof: ProofTree) -> str:
    text = (f"Proof {i}: the reports and weights it uses hold together with probability "
            f"{pct(proof.probability)}")
    needs = _conditions(proof.root)
    return text + (f"; it also needs {needs} thing(s) not to hold" if needs else "")


def why_text(result: WhyResult) -> str:
    out = [headline(result.atom, result.term, result.probability)]
    if (g := result.given) is not None:
        # A member of a set given c: run judges P(h | c); the proofs and
        # the reports' contributions below are of P(h) overall.
        judged = g.term if g.probability is None else (
            f"{judgement(g.term, g.probability)} if {g.condition} holds")
        out = [f"{result.atom}: {judged} ({pct(result.probability)} overall)",
               f"The proofs and what each report adds are of P({result.atom}) overall, "
               f"{pct(result.probability)}: {g.condition} holds in "
               f"{pct(g.condition_probability)}."]
    if result.residual_of is not None:
        name, others = result.residual_of
        out.append(f"It is the residual of the exclusive set {name}: it holds where none of "
                   f"{', '.join(others)} does, so its proofs are theirs failing.")
    elif not result.proofs:
        out.append("No proof: nothing derives it from the evidence (try why-not).")
    for i, proof in enumerate(result.proofs, 1):
        out += ["", _proof_header(i, proof)]
        _step(proof.root, 1, out)
    shown = [c for c in result.contributions if c.delta is None or abs(c.delta) >= SHOWN_DELTA]
    if shown:
        out += ["", f"What each report adds to {result.atom}: its probability without the "
                    "report, and the difference in percentage points (+ the report raises "
                    "it, - lowers it)."]
        if any(len(c.reports) > 1 for c in shown):
            out.append("Reports of one atom from one origin stand in for each other: they "
                       "are withdrawn together.")
        width = max(len(c.key) for c in shown)
        for c in shown:
            if c.without is None or c.delta is None:
                out.append(f"  {c.key.ljust(width)}  {c.reports[0].grade}  "
                           "without it the evidence is impossible")
                continue
            out.append(f"  {c.key.ljust(width)}  {c.reports[0].grade}  "
                       f"without: {pct(c.without):>6}  {points(c.delta)}")
    hidden = len(result.contributions) - len(shown)
    if hidden:
        out.append(f"  ({hidden} more report(s) in its lineage move it by less than 0.1 points)")
    if result.superseded:
        out += ["", "Superseded, no longer counted: a newer report of the same origin gives "
                    "the indicator's current value."]
        out.extend(f"  {superseded_line(s.report, s.by)}" for s in result.superseded)
    return "\n".join(out)


def superseded_line(report: ReportInfo, by: ReportInfo) -> str:
    """``troops(10000)@a (B2, on 2022-12-01) superseded by troops(100000)@a on 2023-01-20``."""
    return (f"{report.key} ({report.grade}, on {report.date}) superseded by {by.key} "
            f"on {by.date}  [{report_place(report)}]")


def _attempt(a: Attempt, indent: int, out: list[str]) -> None:
    pad = "  " * indent
    out.append(f"{pad}{a.rule.text}  [{a.rule.file}:{a.rule.line}]")
    if a.failed is None:
        premises = ", ".join(f"{t} {pct(p)}" for t, p in a.premises)
        out.append(f"{pad}  can fire; premises: {premises or 'none'}")
        return
    out.append(f"{pad}  fails at {a.failed}: {a.reason}")
    if a.below is not None and a.below.attempts:
        _node(a.below, indent + 2, out)


def _node(node: WhyNotNode, indent: int, out: list[str]) -> None:
    pad = "  " * indent
    out.append(f"{pad}{node.atom} ({pct(node.probability)}){': ' + node.note if node.note else ''}")
    for rival, p in node.attacked_by:
        out.append(f"{pad}  attacked by {rival} ({pct(p)}): see why {rival}")
    for a in node.attempts:
        _attempt(a, indent + 1, out)


def whynot_text(result: WhyNotResult) -> str:
    out = [headline(result.atom, result.term, result.probability), "",
           "Rules that could derive it, and the first premise that fails:"]
    _node(result.trace, 1, out)
    out.append("")
    if not result.sets:
        out.append("No set of unreported indicators (up to the search bound) would raise it.")
        return "\n".join(out)
    out.append(f"Smallest sets of unreported indicators that would raise it "
               f"(each reported at grade {result.grade}; now {pct(result.probability)}):")
    for s in result.sets:
        out.append(f"  {{{', '.join(s.atoms)}}} -> {pct(s.probability)}")
    return "\n".join(out)


def _stand(s: RuleStand) -> str:
    where = f"  [{s.file}:{s.line}]" if s.file else ""
    premises = f" from {', '.join(s.premises)}" if s.premises else ""
    return f"  [{s.label}] {s.kind}, {s.conclusion}{premises}: {s.state}; {s.settled}{where}"


REASONS = {
    "fact": "it is a fact",
    "strict": "a strict rule proves it from definite premises",
    "settled": "a rule for it applies and every attack on it is settled",
    "no_rule": "every rule for it is discarded",
    "definite_contrary": "a conflicting literal is definitely provable",
    "attack_stands": "an attack on it stands",
    "loop": "its support runs round a loop",
}


def argue_text(result: ArgueResult) -> str:
    why = REASONS.get(result.reason, result.reason)
    out = [f"{result.atom}: {result.status} ({result.tag}: {why}; "
           f"defeasible logic, ambiguity {result.ambiguity})"]
    none = ["  none (no rule for it has a ground instance)"]
    out += ["", "Rules for it:"] + ([_stand(s) for s in result.supporting] or none)
    out += ["", "Rules against it:"] + ([_stand(s) for s in result.attacking] or none)
    return "\n".join(out)
