"""What a hover shows: the reading of a name, as ``assess run`` gives it.

On a **hypothesis** (its declaration, a rule head or body, a query, an
expectation): each judged instance (only the one written, when it is
ground) with its probability, ICD 203 term, rank in its competing set, its
description, the strongest argument for and against it and the confidence
sentence — the lines of ``assess run`` (``render.judgement``). On any
other **atom**: written ground, its probability, term, the best proof's rule
and the report that adds most (``assess why``); written with variables,
every derived instance's probability and term (``assess run --all``). On a
**source**: its description, reliability and origins. On a **label**: the
rule it labels.

Readings come from ``assess.api.Assessment``, the face every command uses,
over the files ``Project.readings`` names; each is computed once per text
of those files. Files with errors have no reading: the hover says so, and
the diagnostics say why.

Markdown, with every name and quote from the files shown as code or
escaped (``escape``): text from a report is never read as markup.
"""

from __future__ import annotations

import os
import re
from typing import Any

from assess.analysis.icd203 import clamp, percent, term
from assess.api import Assessment
from assess.check.walk import atom_vars
from assess.diagnostics import AssessError
from assess.lsp.index import LABEL, PREDICATE, SOURCE, Occurrence
from assess.lsp.project import Project
from assess.render.confidence import judged_confidence_text
from assess.render.judgement import contest_text, judgement_arguments
from assess.syntax import ast, notation

MAX_INSTANCES = 12
_MARKUP = re.compile(r"([\\`*_\[\]<>&|~#])")


def escape(text: str) -> str:
    """``text`` shown as written in Markdown: markup characters escaped.

    >>> print(escape("<b>*x*</b> (a_b)"))
    \\<b\\>\\*x\\*\\</b\\> (a\\_b)
    """
    return _MARKUP.sub(r"\\\1", text)


def code(text: str) -> str:
    """``text`` as inline code, whatever backticks it holds."""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"`{text}`"


class Reading:
    """One set of files read together, and what has been asked of it."""

    def __init__(self, paths: list[str], project: Project) -> None:
        self.paths = paths
        self.assessment: Assessment | None = None
        self.problem: str | None = None
        self.answers: dict[str, str] = {}
        self._judgements: Any = None
        try:
            self.assessment = Assessment.from_workspace(project.workspace(paths))
        except AssessError as exc:
            where = {os.path.basename(d.span.file) for d in exc.diagnostics if d.span}
            self.problem = (
                f"no reading: {len(exc.diagnostics)} error(s)"
                + (f" in {', '.join(sorted(where))}" if where else "")
                + " (see the problems)"
            )

    def judgements(self) -> Any:
        if self._judgements is None and self.assessment is not None:
            self._judgements = self.assessment.assess()
        return self._judgements


class Hovers:
    """Hover texts over a project, readings kept while their files' texts are."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._readings: dict[tuple[tuple[str, str | None], ...], Reading] = {}

    def reading(self, paths: list[str]) -> Reading:
        key = tuple((p, self.project.text(p)) for p in paths)
        if key not in self._readings:
            if len(self._readings) > 16:
                self._readings.clear()
            self._readings[key] = Reading(paths, self.project)
        return self._readings[key]

    def hover(self, path: str, occurrence: Occurrence, atom: ast.Atom | None) -> str:
        """The Markdown shown over ``occurrence`` (in ``atom``, if it is in one)."""
        if occurrence.kind == SOURCE:
            return self._source(path, occurrence.name)
        if occurrence.kind == LABEL:
            return self._label(path, occurrence.name)
        assert occurrence.kind == PREDICATE
        lines = [self._declared(path, occurrence.name)]
        contexts = self.project.readings(path)
        for paths in contexts:
            reading = self.reading(paths)
            if len(contexts) > 1 or len(paths) > 1:
                shown = ", ".join(os.path.basename(p) for p in paths)
                lines.append(f"*Read with {escape(shown)}:*")
            elif self._has_evidence(paths[0]):
                lines.append("*Read alone: open an evidence file that names it in "
                             "`% check with:` to read them together.*")
            lines.append(self._answer(reading, occurrence.name, atom))
        return "\n\n".join(line for line in lines if line)

    def _has_evidence(self, path: str) -> bool:
        """Whether some file of ``path``'s group is checked with it."""
        return any(path in self.project.companions(f) for f in self.project.group(path))

    # -- declarations --------------------------------------------------------

    def _statements(self, path: str) -> list[tuple[str, object]]:
        found: list[tuple[str, object]] = []
        for file in self.project.group(path):
            parsed = self.project.last_good(file)
            if parsed is None or parsed.program is None:
                continue
            for statement in parsed.program.statements:
                found.append((parsed.text, statement))
                if isinstance(statement, ast.Scenario):
                    found.extend((parsed.text, item) for item in statement.items)
        return found

    def _declared(self, path: str, name: str) -> str:
        for _, s in self._statements(path):
            if isinstance(s, ast.HypothesisDecl | ast.IndicatorDecl) and s.name == name:
                kind = "hypothesis" if isinstance(s, ast.HypothesisDecl) else "indicator"
                params = f"({', '.join(s.params)})" if s.params else ""
                return f"**{kind}** {code(name + params)} — {escape(s.description)}"
        return f"**predicate** {code(name)}"

    def _source(self, path: str, name: str) -> str:
        for _, s in self._statements(path):
            if isinstance(s, ast.SourceDecl) and s.name == name:
                origins = (
                    f"; derived from {', '.join(code(o) for o in s.derived_from)}"
                    if s.derived_from else ""
                )
                return (
                    f"**source** {code(name)} — {escape(s.description)}\n\n"
                    f"reliability {s.reliability}{origins}"
                )
        return f"**source** {code(name)}: not declared"

    def _label(self, path: str, name: str) -> str:
        for text, s in self._statements(path):
            if isinstance(s, ast.Clause | ast.Disjunction) and s.label == name:
                written = _text_of(text, s.span)
                where = f"{os.path.basename(s.span.file)}:{s.span.line}"
                return f"**rule** {code('[' + name + ']')} ({escape(where)})\n\n```\n{written}\n```"
        return f"**label** {code('[' + name + ']')}: no rule has it"

    # -- readings ------------------------------------------------------------

    def _answer(self, reading: Reading, name: str, atom: ast.Atom | None) -> str:
        if reading.assessment is None:
            return escape(reading.problem or "no reading")
        written = _atom_text(atom) if atom is not None else name
        if written not in reading.answers:
            try:
                reading.answers[written] = self._compute(reading, name, atom)
            except AssessError as exc:
                reading.answers[written] = escape("; ".join(d.message for d in exc.diagnostics))
        return reading.answers[written]

    def _compute(self, reading: Reading, name: str, atom: ast.Atom | None) -> str:
        assessment = reading.assessment
        assert assessment is not None
        ground = atom is not None and next(atom_vars(atom), None) is None
        if name in assessment.ir.hypotheses and not (atom is not None and atom.contrary):
            judgements = reading.judgements()
            wanted = assessment.atom(_atom_text(atom)) if ground and atom else None
            chosen = [
                j for j in judgements.judgements
                if j.atom[0].name == name and (wanted is None or j.atom == wanted)
            ]
            if chosen:
                return "\n\n".join(_judgement(j) for j in chosen[:MAX_INSTANCES])
            return "no instance of it is derived from this evidence"
        if ground and atom is not None:
            return _why(assessment.why(_atom_text(atom), k=1))
        arities = {len(atom.args)} if atom is not None else {
            p.arity for p in assessment.predicates(name)
        }
        answers = [
            a for arity in sorted(arities)
            for a in assessment.prob(also=[f"{name}/{arity}"]).answers
            if _instance_of(a.text, name)
        ]
        if not answers:
            return "no instance of it is derived from this evidence"
        shown = [f"- {code(a.text)}: {_chance(a.probability)}" for a in answers[:MAX_INSTANCES]]
        if len(answers) > MAX_INSTANCES:
            shown.append(f"- … and {len(answers) - MAX_INSTANCES} more")
        return "\n".join(shown)


def _chance(probability: float) -> str:
    p = clamp(probability)
    words = term(p)
    return words if "(" in words else f"{words} ({percent(p)})"


def _judgement(j: Any) -> str:
    where = f", rank {j.rank} in {code(j.set)}" if j.set else ""
    overall = j.given is not None
    if overall:
        where += f", if {code(j.condition)} holds ({percent(clamp(j.probability))} overall)"
    lines = [
        f"{code(j.name)}: **{escape(_chance(j.judged))}**{where}",
        f"“{escape(j.description)}”",
        *(escape(sentence) for sentence in judgement_arguments(j, True) or ()),
    ]
    if (contest := contest_text(j)) is not None:
        lines.append(escape(contest))
    if (sentence := judged_confidence_text(j)) is not None:
        lines.append(escape(sentence))
    return "\n\n".join(lines)


def _why(result: Any) -> str:
    lines = [f"{code(result.atom)}: **{escape(_chance(result.probability))}**"]
    if result.proofs and result.proofs[0].root.rule is not None:
        rule = result.proofs[0].root.rule
        name = f"{code('[' + rule.label + ']')} " if rule.label else ""
        where = f"{os.path.basename(rule.file)}:{rule.line}"
        lines.append(f"Best proof: {name}({escape(where)}) {code(rule.text)}")
    adding = [c for c in result.contributions if c.delta is not None and c.delta > 0]
    if adding:
        best = max(adding, key=lambda c: c.delta)
        lines.append(f"The report that adds most: {code(best.key)} (+{percent(best.delta)})")
    return "\n\n".join(lines)


def _atom_text(atom: ast.Atom | None) -> str:
    """The atom as written, for ``Assessment.atom`` to read."""
    assert atom is not None
    return notation.atom(atom)


def _instance_of(text: str, name: str) -> bool:
    """Whether the answer ``text`` is an instance of the predicate ``name``."""
    return text == name or text.startswith(name + "(")


def _text_of(text: str, span: ast.Span) -> str:
    lines = text.split("\n")[span.line - 1: span.end_line]
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0][span.column - 1: span.end_column - 1]
    lines[-1] = lines[-1][: span.end_column - 1]
    lines[0] = lines[0][span.column - 1:]
    return "\n".join(lines)
