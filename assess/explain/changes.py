"""What-if changes as input probabilities of the compiled model.

A ``Change`` says what to assume: reports added (``report`` statements),
dropped (a source, an atom, or ``atom@source``), sources regraded
(``source=C``) and rule weights set (``label=0.4``, or an input's name).
``weights(compiled, change)`` turns it into new probabilities for the
model's inputs, without grounding or compiling:

* a dropped or regraded report changes its origin's choice to the best
  grade left (``grading.choice_probability``);
* an assumed report of an atom that already has a report choice joins it:
  of the same origin, the choice takes the better grade; of another origin,
  it is an independent report, and since a report choice is a leaf read
  only by its atom, the atom's choices ``c₁ ∨ c₂`` are exactly one choice of
  probability ``1 − (1 − p₁)(1 − p₂)`` — so that one choice is re-weighted;
* a set weight applies to every instance of the label (or the one input of
  that name); a label whose rule bears on no question changes nothing;
* anything else an assumed report needs (an atom the graph derives only by
  rules, or one it does not hold at all) is *structural*:
  ``structural(compiled, change)`` lists those reports, and ``what-if``
  recompiles (the atom is in the graph) or re-grounds (it is new). So is a
  dated report of an indicator declared ``current``: lowered with the
  others, it supersedes its origin's older reports as a file's would.

Example: ``--grade isw=D`` lowers every isw report from B to D; a report
B2 (0.80) becomes D2 (0.625), unless its origin has a better one left.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from assess.analysis.grading import RELIABILITY, choice_probability, source_clusters
from assess.analysis.timeline import current_indicators
from assess.check.suggest import unknown_name
from assess.diagnostics import COMMAND_LINE, AssessError, error
from assess.engine.ir import GroundAtom, IRProgram
from assess.engine.lower import ground_atom
from assess.explain.evidence import graded, report_text, without
from assess.semantics.prob.compiled import Compiled
from assess.semantics.prob.model import Key
from assess.syntax import ast
from assess.syntax.parser import parse


@dataclass(frozen=True)
class Change:
    assume: tuple[ast.Report, ...] = ()
    drop: tuple[str, ...] = ()
    grade: dict[str, str] = field(default_factory=dict)
    set: dict[str, float] = field(default_factory=dict)


def _bad(code: str, message: str) -> AssessError:
    return AssessError([error(code, COMMAND_LINE, message)])


def parse_report(text: str) -> ast.Report:
    """A report written as in a rule file (``report`` and ``.`` optional)."""
    body = text.strip().removesuffix(".").strip()
    if not body.startswith("report "):
        body = f"report {body}"
    try:
        program = parse(f"{body}.", "<--assume>")
    except AssessError:
        raise _bad("bad_report", f"--assume {text!r} is not a report: write "
                   "'x(1) by source credibility 2'") from None
    found = [s for s in program.statements if isinstance(s, ast.Report)]
    if len(found) != 1 or len(program.statements) != 1:
        raise _bad("bad_report", f"--assume {text!r} must be exactly one report")
    return found[0]


def parse_assignment(text: str, what: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise _bad("bad_option", f"{what} {text!r}: write NAME=VALUE")
    return name.strip(), value.strip()


def make_change(
    ir: IRProgram, assume: Sequence[str], drop: Sequence[str], grade: Sequence[str],
    set_: Sequence[str], names: Collection[str] | None = None,
) -> Change:
    """Parse and check the command-line changes against the program."""
    reports = tuple(parse_report(t) for t in assume)
    for r in reports:
        if r.source not in ir.sources:
            raise unknown_name("unknown_source", f"--assume names source {r.source!r}, never "
                           "declared", r.source, ir.sources)
    grades: dict[str, str] = {}
    for text in grade:
        source, letter = parse_assignment(text, "--grade")
        if source not in ir.sources:
            raise unknown_name("unknown_source", f"--grade names source {source!r}, never "
                           "declared", source, ir.sources)
        if letter.upper() not in RELIABILITY:
            raise _bad("invalid_grade", f"--grade {text!r}: reliability is one of A-F")
        grades[source] = letter.upper()
    weights: dict[str, float] = {}
    for text in set_:
        label, value = parse_assignment(text, "--set")
        try:
            weights[label] = float(value)
        except ValueError:
            raise _bad("bad_option", f"--set {text!r}: the value must be a number") from None
        labels = {r.label for r in ir.rules if r.label is not None}
        if names is not None and label not in labels and label not in names:
            raise unknown_name("unknown_input", f"--set {label!r}: no rule label or input of "
                           "that name (sensitivity lists the inputs by name)", label,
                           [*labels, *names])
    for spec in drop:
        if not dropped_by(ir, spec):
            known = {n for reports in ir.reports.values() for r in reports
                     for n in (r.source, report_text(r), f"{report_text(r)}@{r.source}")}
            raise unknown_name("unknown_report", f"--drop {spec!r} matches no report or source",
                           spec, known)
    return Change(reports, tuple(drop), grades, weights)


def _matches(spec: str, report: ast.Report) -> bool:
    atom, _, source = spec.replace(" by ", "@").partition("@")
    atom, source = atom.strip(), source.strip()
    if not source:
        return atom in (report.source, report_text(report))
    return report.source == source and atom == report_text(report)


def dropped_by(ir: IRProgram, spec: str) -> list[ast.Report]:
    """The reports ``--drop spec`` removes (a source, an atom, or atom@source)."""
    return [r for reports in ir.reports.values() for r in reports if _matches(spec, r)]


def _report_rules(compiled: Compiled, atom: GroundAtom) -> list[int]:
    return [r for r, reps in compiled.ir.reports.items()
            if reps and ground_atom(reps[0].atom) == atom and r in compiled.report_inputs()]


def structural(compiled: Compiled, change: Change) -> list[ast.Report]:
    """Assumed reports that need a new choice in the model (see the module doc)."""
    current = current_indicators(compiled.ir.indicators.values())
    out = []
    for report in change.assume:
        atom = ground_atom(report.atom)
        assert atom is not None
        dated = report.date is not None and report.atom.signature in current
        if dated or not _report_rules(compiled, atom):
            out.append(report)
    return out


def weights(compiled: Compiled, change: Change) -> dict[Key, float]:
    """The model's changed input probabilities under ``change``."""
    ir = compiled.ir
    gone = [r for spec in change.drop for r in dropped_by(ir, spec)]
    grader = without(graded(ir, change.grade), lambda r: any(r is g for g in gone))
    out: dict[Key, float] = {}
    for rule in compiled.report_inputs():
        out[rule] = choice_probability(ir.reports[rule], grader)
    lowered = {id(r) for reports in ir.reports.values() for r in reports}
    for report in change.assume:
        atom = ground_atom(report.atom)
        assert atom is not None
        rules = _report_rules(compiled, atom)
        if rules and id(report) not in lowered:
            _join(compiled, out, rules, report)
    known = {i.name for i in compiled.model.inputs} | {
        i.label for i in compiled.model.inputs if i.label is not None}
    out.update({k: v for k, v in change.set.items() if k in known})
    return out


def _join(compiled: Compiled, out: dict[Key, float], rules: list[int], report: ast.Report) -> None:
    """Fold one assumed report into the existing report choices of its atom."""
    ir = compiled.ir
    p = graded(ir)(report)
    origins = {ir.reports[r][0].source: r for r in rules}
    cluster = source_clusters({n: s.derived_from for n, s in ir.sources.items()})
    mine = cluster.get(report.source, report.source)
    for source, rule in origins.items():
        if cluster.get(source, source) == mine:
            out[rule] = max(float(out[rule]), p)
            return
    first = rules[0]
    out[first] = 1 - (1 - float(out[first])) * (1 - p)
