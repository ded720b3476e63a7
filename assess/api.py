"""Embedding assess: load files once, then ask for a reading.

``load(*paths, texts=None)`` reads and parses the files (rules first, then
evidence), expands their ``load "x.csv"`` statements, runs the static checks
and raises ``AssessError`` with every error found; warnings are kept on
``Assessment.warnings``. The returned ``Assessment`` lowers the programs once
and answers under each semantics with a typed result.

Example::

    >>> import assess
    >>> a = assess.load(texts={"g.assess": "e(a, b). query(e(a, b)). query(e(b, a))."})
    >>> [(x.text, x.holds) for x in a.crisp().answers]
    [('e(a,b)', True), ('e(b,a)', False)]
    >>> b = assess.load(texts={"c.assess": "0.3::a. 0.6::b. c :- a. c :- b. query(c)."})
    >>> [(x.text, round(x.probability, 4)) for x in b.prob().answers]
    [('c', 0.72)]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from assess.analysis.loading import expand
from assess.check import run_checks
from assess.diagnostics import AssessError, Diagnostic, error
from assess.engine.evaluate import Model
from assess.engine.ir import IRProgram, Pred
from assess.engine.lower import Lowerable, lower
from assess.explain.judgement import Judgements, judge
from assess.semantics.crisp import CrispResult, Grounder, crisp, native_grounder
from assess.semantics.defeasible.answers import DefeasibleResult, defeasible
from assess.semantics.prob.compile import Limits
from assess.semantics.prob.infer import ProbResult, prob
from assess.syntax.ast import Program, Span
from assess.workspace import Workspace

COMMAND_LINE = Span("<command line>", 0, 0, 0, 0)

def _pydatalog(program: IRProgram, goals: Collection[Pred]) -> Model:
    from assess.engine.pydatalog_backend import pydatalog_model

    return pydatalog_model(program, goals)


ENGINES: dict[str, Grounder] = {
    "native": native_grounder,
    "pydatalog": _pydatalog,
}
"""Grounders that compute the crisp model; the native one records provenance."""


@dataclass
class Assessment:
    """Parsed, expanded and checked programs of one invocation."""

    workspace: Workspace
    programs: list[Program]
    warnings: list[Diagnostic] = field(default_factory=list)
    _ir: IRProgram | None = None

    @classmethod
    def from_workspace(cls, workspace: Workspace, check: bool = True) -> Assessment:
        workspace.raise_problems()
        programs = expand(workspace.programs, workspace.sources)
        findings = run_checks(programs) if check else []
        errors = [d for d in findings if d.is_error]
        if errors:
            raise AssessError(errors)
        return cls(workspace, programs, [d for d in findings if not d.is_error])

    @property
    def ir(self) -> IRProgram:
        """The lowered programs (computed once)."""
        if self._ir is None:
            self._ir = lower(self.programs)
        return self._ir

    def lower(self, extra: Sequence[Lowerable] = ()) -> IRProgram:
        """The programs lowered together with ``extra`` statements (a scenario)."""
        return lower(self.programs, extra) if extra else self.ir

    def predicates(self, spec: str) -> list[Pred]:
        """The predicates ``spec`` names: ``path``, ``path/2`` or ``~fly/1``."""
        return resolve_predicates(self.ir, spec)

    def crisp(self, *, also: Sequence[str] = (), engine: str = "native") -> CrispResult:
        """Answers under the crisp reading; ``also`` lists every fact of predicates."""
        if engine not in ENGINES:
            raise AssessError([error(
                "unknown_engine", COMMAND_LINE,
                f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}",
            )])
        preds = [p for spec in also for p in self.predicates(spec)]
        return crisp(self.ir, preds, ENGINES[engine])

    def prob(self, limits: Limits | None = None, *, also: Sequence[str] = ()) -> ProbResult:
        """P(query | evidence) for each query and hypothesis (the default reading).

        ``result.model`` is the compiled model: ``probabilities(weights)``
        re-evaluates with changed inputs, ``gradient(query)`` differentiates.
        ``also`` adds every atom of those predicates to the questions.
        """
        return prob(self.ir, limits, [p for spec in also for p in self.predicates(spec)])

    probabilities = prob

    def assess(self, limits: Limits | None = None, *, also: Sequence[str] = ()) -> Judgements:
        """The analyst's judgements: each hypothesis's probability, ICD 203 term,
        rank in its competing set, strongest arguments and confidence
        (``assess.explain.judgement``), with every query's probability."""
        return judge(self.ir, limits, [p for spec in also for p in self.predicates(spec)])

    def defeasible(self, *, ambiguity: str = "blocking") -> DefeasibleResult:
        """Statuses under defeasible logic; ``ambiguity`` blocking or propagating."""
        if ambiguity not in ("blocking", "propagating"):
            raise AssessError([error(
                "unknown_ambiguity", COMMAND_LINE,
                f"unknown ambiguity policy {ambiguity!r}; choose blocking or propagating",
            )])
        return defeasible(self.ir, ambiguity)


def resolve_predicates(program: IRProgram, spec: str) -> list[Pred]:
    """Every predicate of ``program`` that ``spec`` names; an error if none."""
    contrary = spec.startswith("~")
    name, _, arity = spec.removeprefix("~").partition("/")
    found = sorted(
        p for p in program.predicates()
        if p.name == name and p.contrary == contrary and (not arity or str(p.arity) == arity)
    )
    if not found:
        raise AssessError([error(
            "unknown_predicate", COMMAND_LINE, f"no predicate {spec} occurs in the program",
        )])
    return found


def load(*paths: str, texts: Mapping[str, str] | None = None, check: bool = True) -> Assessment:
    """Read ``paths`` (and in-memory ``texts``, name -> text) into an ``Assessment``."""
    workspace = Workspace.from_paths(list(paths))
    if texts:
        extra = Workspace.from_texts(dict(texts))
        workspace.programs.extend(extra.programs)
        workspace.sources.update(extra.sources)
        workspace.problems.extend(extra.problems)
    return Assessment.from_workspace(workspace, check)
