"""Embedding assess: load files once, then ask for a reading or an explanation.

``load(*paths, texts=None)`` reads and parses the files (rules first, then
evidence), expands their ``load "x.csv"`` statements, runs the static checks
and raises ``AssessError`` with every error found; warnings are kept on
``Assessment.warnings``. The returned ``Assessment`` is the face every
command and embedding goes through: it lowers the programs once, and every
probability it gives — answers, judgements, formulas, explanations — is read
off the one compiled assessment (``semantics.prob.compiled``), so no two of
them can disagree.

An atom or name asked about that the program never mentions is an error
(``UnknownName``, code ``undefined_predicate`` or ``unknown_name``, with the
closest known name), never a silent "0 %".

Example::

    >>> import assess
    >>> a = assess.load(texts={"g.assess": "e(a, b). query(e(a, b)). query(e(b, a))."})
    >>> [(x.text, x.holds) for x in a.crisp().answers]
    [('e(a,b)', True), ('e(b,a)', False)]
    >>> b = assess.load(texts={"c.assess": "0.3::a. 0.6::b. c :- a. c :- b. query(c)."})
    >>> [(x.text, round(x.probability, 4)) for x in b.prob().answers]
    [('c', 0.72)]
    >>> load(texts={"d.assess": "0.3::alarm. query(alarm)."}).atom("alarms")
    Traceback (most recent call last):
    ...
    assess.diagnostics.UnknownName: alarms/0 occurs nowhere in the program; did you mean alarm?
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Literal, overload

from assess.analysis import timeline
from assess.check import checked_programs
from assess.check.suggest import unknown_name
from assess.diagnostics import (
    COMMAND_LINE,
    AssessError,
    AssessWarning,
    Diagnostic,
    UnknownName,
    error,
)
from assess.engine.evaluate import Model
from assess.engine.ir import GroundAtom, IRProgram, Pred
from assess.engine.lower import Lowerable, lower, pattern
from assess.engine.names import known_atom, known_pattern, resolve_predicates
from assess.semantics.crisp import CrispResult, Grounder, crisp, native_grounder
from assess.semantics.prob.compile import (
    DEFAULT_MAX_GROUND,
    DEFAULT_MAX_NODES,
    DEFAULT_TIMEOUT,
    Limits,
)
from assess.semantics.prob.compiled import Compiled, compile_assessment
from assess.semantics.prob.infer import ProbResult
from assess.syntax import ast
from assess.syntax.ast import Program
from assess.workspace import Workspace

# The readings below are imported where they are used, so that a command
# pays only for its own (``assess run`` does not import ``why-not``'s search).
if TYPE_CHECKING:
    from assess.explain.abduce import WhyNotResult
    from assess.explain.argmap import ArgumentMap
    from assess.explain.argue import ArgueResult
    from assess.explain.judgement_result import Judgements
    from assess.explain.matrix import Matrix
    from assess.explain.report import ReportData
    from assess.explain.sensitivity import SensitivityResult
    from assess.explain.track import Snapshot, TrackResult
    from assess.explain.whatif import WhatIfResult
    from assess.explain.why import WhyResult
    from assess.semantics.defeasible.answers import DefeasibleResult
    from assess.semantics.prob.formula import Formula, Formulas

__all__ = [  # noqa: F822 (DEFAULT_GRADE, MAX_SIZE, ReportData: module __getattr__)
    "DEFAULT_GRADE", "DEFAULT_MAX_GROUND", "DEFAULT_MAX_NODES", "DEFAULT_TIMEOUT", "ENGINES",
    "MAX_SIZE", "SEMANTICS", "AssessError", "AssessWarning", "Assessment", "Compiled",
    "Diagnostic", "Formula", "Formulas", "Limits", "ProbResult", "ReportData", "UnknownName",
    "load", "track",
    "track_snapshots",
]


SEMANTICS = ("prob", "crisp", "defeasible")
"""The readings ``Assessment.run`` offers; the first is the default."""

Options = str | Sequence[str]
"""One option value, or several (``what_if(drop="isw")``, ``drop=["isw", "x"]``)."""


def _many(values: Options) -> tuple[str, ...]:
    return (values,) if isinstance(values, str) else tuple(values)


def _pydatalog(program: IRProgram, goals: Collection[Pred]) -> Model:
    from assess.engine.pydatalog_backend import pydatalog_model

    return pydatalog_model(program, goals)


def _duckdb(program: IRProgram, goals: Collection[Pred],
            max_ground: int | None = DEFAULT_MAX_GROUND) -> Model:
    from assess.engine.sqleval import sql_model

    return sql_model(program, goals, "duckdb", max_ground)


def _postgres(program: IRProgram, goals: Collection[Pred],
              max_ground: int | None = DEFAULT_MAX_GROUND) -> Model:
    from assess.engine.sqleval import sql_model

    return sql_model(program, goals, "postgres", max_ground)


SQL_GROUNDERS = {"duckdb": _duckdb, "postgres": _postgres}
"""The grounders that bring rows back from a database, counted against ``--max-ground``."""


ENGINES: dict[str, Grounder] = {
    "native": native_grounder,
    "pydatalog": _pydatalog,
    "duckdb": _duckdb,
    "postgres": _postgres,
}
"""Grounders that compute the crisp model; the native one records provenance,
the SQL ones (``engine.sqleval``) run it in DuckDB or a PostgreSQL server."""


def _known_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise AssessError([error(
            "unknown_engine", COMMAND_LINE,
            f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}",
        )])


@dataclass
class Assessment:
    """Parsed, expanded and checked programs of one invocation."""

    workspace: Workspace
    programs: list[Program]
    warnings: list[Diagnostic] = field(default_factory=list)
    _ir: IRProgram | None = None

    def __repr__(self) -> str:
        files = [p.file for p in self.programs]
        return f"Assessment(files={files!r}, warnings=<{len(self.warnings)}>)"

    @classmethod
    def from_workspace(
        cls, workspace: Workspace, check: bool = True, as_of: str | None = None
    ) -> Assessment:
        """The workspace's programs, checked; ``as_of``: see ``as_of``."""
        programs, warnings = checked_programs(workspace, check)
        assessment = cls(workspace, programs, warnings)
        return assessment if as_of is None else assessment.as_of(as_of)

    def as_of(self, date: str) -> Assessment:
        """This assessment on the reports dated up to ``date`` (``YYYY-MM-DD``);
        undated reports stay (``analysis.timeline``)."""
        if not timeline.is_date(date):
            raise AssessError([error(
                "bad_option", COMMAND_LINE, f"{date!r} is not a date written YYYY-MM-DD",
            )])
        return Assessment(self.workspace, timeline.as_of(self.programs, date), self.warnings)

    def report_dates(self, files: Collection[str] | None = None) -> list[str]:
        """Every distinct report date of the programs (of ``files`` only, if given)."""
        return timeline.dates(self.programs, files)

    @property
    def ir(self) -> IRProgram:
        """The lowered programs (computed once)."""
        if self._ir is None:
            self._ir = lower(self.programs)
        return self._ir

    def lower(self, extra: Sequence[Lowerable] = ()) -> IRProgram:
        """The programs lowered together with ``extra`` statements (a scenario)."""
        return lower(self.programs, extra) if extra else self.ir

    # -- names ---------------------------------------------------------------

    def predicates(self, spec: str) -> list[Pred]:
        """The predicates ``spec`` names: ``path``, ``path/2`` or ``~fly/1``."""
        return resolve_predicates(self.ir, spec)

    def atom(self, text: str) -> GroundAtom:
        """The ground atom ``text`` names; ``UnknownName`` if its predicate
        occurs nowhere in the program (no rule, fact, report or declaration)."""
        return known_atom(self.ir, text)

    # -- readings ------------------------------------------------------------

    @overload
    def run(self, semantics: Literal["prob"] = "prob", *, also: Sequence[str] = (),
            limits: Limits | None = None, engine: str = "native",
            ambiguity: str = "blocking") -> Judgements: ...
    @overload
    def run(self, semantics: Literal["crisp"], *, also: Sequence[str] = (),
            limits: Limits | None = None, engine: str = "native",
            ambiguity: str = "blocking") -> CrispResult: ...
    @overload
    def run(self, semantics: Literal["defeasible"], *, also: Sequence[str] = (),
            limits: Limits | None = None, engine: str = "native",
            ambiguity: str = "blocking") -> DefeasibleResult: ...
    @overload
    def run(self, semantics: str, *, also: Sequence[str] = (),
            limits: Limits | None = None, engine: str = "native",
            ambiguity: str = "blocking") -> Judgements | CrispResult | DefeasibleResult: ...

    def run(
        self, semantics: str = "prob", *, also: Sequence[str] = (),
        limits: Limits | None = None, engine: str = "native", ambiguity: str = "blocking",
    ) -> Judgements | CrispResult | DefeasibleResult:
        """``assess run``'s answer under ``semantics``: the judgements (``prob``,
        ``assess``), the crisp answers (``crisp``, grounded by ``engine``) or
        the defeasible statuses (``defeasible``, under ``ambiguity``)."""
        if semantics == "prob":
            return self.assess(limits, also=also, engine=engine)
        if semantics == "crisp":
            return self.crisp(also=also, engine=engine, limits=limits)
        if semantics == "defeasible":
            return self.defeasible(ambiguity=ambiguity)
        raise AssessError([error(
            "bad_option", COMMAND_LINE,
            f"unknown semantics {semantics!r}; choose one of {', '.join(SEMANTICS)}",
        )])

    def crisp(self, *, also: Sequence[str] = (), engine: str = "native",
              limits: Limits | None = None) -> CrispResult:
        """Answers under the crisp reading; ``also`` lists every fact of predicates.
        A SQL engine brings back no relation of more rows than ``limits.max_ground``."""
        _known_engine(engine)
        preds = [p for spec in also for p in self.predicates(spec)]
        grounder = ENGINES[engine]
        if engine in SQL_GROUNDERS:
            grounder = partial(SQL_GROUNDERS[engine], max_ground=(limits or Limits()).max_ground)
        return crisp(self.ir, preds, grounder)

    def compile(
        self,
        *,
        targets: Sequence[GroundAtom] = (),
        patterns: Sequence[ast.Atom] = (),
        also: Sequence[str] = (),
        marginals: bool = False,
        limits: Limits | None = None,
        extra: Sequence[Lowerable] = (),
        engine: str = "native",
    ) -> Compiled:
        """The one compiled assessment of the questions (queries, hypotheses,
        every atom of ``also``'s predicates) and ``targets``/``patterns``;
        ``extra`` statements (a scenario's evidence) are lowered with the
        programs; ``duckdb`` or ``postgres`` as ``engine`` finds the cone of
        the questions in that database and grounds only its facts. Every
        probability below is read off such an object."""
        _known_engine(engine)
        return compile_assessment(
            self.lower(extra),
            targets=targets,
            patterns=[pattern(p) for p in patterns],
            also=[p for spec in also for p in self.predicates(spec)],
            marginals=marginals,
            limits=limits,
            engine=engine,
        )

    def prob(self, limits: Limits | None = None, *, also: Sequence[str] = (),
             engine: str = "native") -> ProbResult:
        """P(query | evidence) for each query and hypothesis (the default reading).

        ``result.model`` is the compiled model: ``probabilities(weights)``
        re-evaluates with changed inputs, ``gradient(query)`` differentiates.
        ``also`` adds every atom of those predicates to the questions;
        ``engine``: see ``compile``.
        """
        compiled = self.compile(also=also, limits=limits, engine=engine)
        return ProbResult(tuple(compiled.replies()), compiled)

    probabilities = prob

    def assess(self, limits: Limits | None = None, *, also: Sequence[str] = (),
               engine: str = "native") -> Judgements:
        """The analyst's judgements: each hypothesis's probability, ICD 203 term,
        rank in its competing set, strongest arguments and confidence
        (``assess.explain.judgement``), with every query's probability;
        ``engine``: see ``compile``."""
        from assess.explain.judgement import judge

        return judge(self.compile(also=also, limits=limits, engine=engine))

    def defeasible(self, *, ambiguity: str = "blocking") -> DefeasibleResult:
        """Statuses under defeasible logic; ``ambiguity`` blocking or propagating."""
        from assess.semantics.defeasible.answers import defeasible

        if ambiguity not in ("blocking", "propagating"):
            raise AssessError([error(
                "unknown_ambiguity", COMMAND_LINE,
                f"unknown ambiguity policy {ambiguity!r}; choose blocking or propagating",
            )])
        return defeasible(self.ir, ambiguity)

    # -- explanations --------------------------------------------------------

    def why(self, atom: str, k: int = 3, limits: Limits | None = None) -> WhyResult:
        """The ``k`` best proofs of ``atom`` and what each report adds."""
        from assess.explain.why import why

        ground = self.atom(atom)
        return why(self.compile(targets=[ground], marginals=True, limits=limits), ground, k)

    def argue(self, atom: str, ambiguity: str = "blocking") -> ArgueResult:
        """The rules for and against ``atom`` under defeasible logic."""
        from assess.explain.argue import argue

        ground = self.atom(atom)
        return argue(self.ir, self.defeasible(ambiguity=ambiguity), ground)

    def why_not(
        self, atom: str, depth: int = 4, grade: str | None = None, max_size: int | None = None,
        limits: Limits | None = None,
    ) -> WhyNotResult:
        """Why ``atom`` fails, and which unreported indicators would raise it
        (by a source graded ``grade``, default ``DEFAULT_GRADE``; sets of at
        most ``max_size`` indicators, default ``MAX_SIZE``)."""
        from assess.explain.abduce import DEFAULT_GRADE, MAX_SIZE, why_not

        grade = DEFAULT_GRADE if grade is None else grade
        max_size = MAX_SIZE if max_size is None else max_size
        ground = self.atom(atom)
        compiled = self.compile(targets=[ground], marginals=True, limits=limits)
        return why_not(self.programs, compiled, ground, depth, grade, max_size)

    def sensitivity(self, atom: str, limits: Limits | None = None) -> SensitivityResult:
        """Every input that moves ``atom``, ranked by its exact effect: P(atom),
        or P(atom | c) for a member of a set ``given c``, as ``assess()`` reads it."""
        from assess.explain.sensitivity import sensitivity

        ground = self.atom(atom)
        return sensitivity(self.compile(targets=[ground], limits=limits), ground)

    def what_if(
        self, *, assume: Options = (), drop: Options = (), grade: Options = (),
        set: Options = (), limits: Limits | None = None, set_: Options = (),
    ) -> WhatIfResult:
        """Every question before and after the changes, each written as
        ``assess what-if`` takes it (one string or several): ``assume`` adds
        reports (``"x(1) by src credibility 2"``), ``drop`` removes a
        source's, an atom's or one ``atom@source`` report, ``grade`` regrades
        a source (``"src=C"``), ``set`` sets a rule's weight (``"label=0.4"``;
        ``set_`` is the same, for callers that avoid the builtin's name)."""
        from assess.explain.changes import make_change
        from assess.explain.whatif import what_if

        compiled = self.compile(limits=limits)
        names = {i.name for i in compiled.model.inputs}
        change = make_change(compiled.ir, _many(assume), _many(drop), _many(grade),
                             [*_many(set), *_many(set_)], names)
        return what_if(self.programs, compiled, change)

    def snapshot(self, path: str, limits: Limits | None = None) -> tuple[Snapshot, Compiled]:
        """This assessment as the evidence snapshot ``path`` (for ``track_snapshots``)."""
        from assess.explain.track import snapshot_of

        return snapshot_of(path, self.programs), self.compile(limits=limits)

    def dated_snapshots(
        self, paths: Sequence[str], limits: Limits | None = None
    ) -> list[tuple[Snapshot, Compiled]]:
        """One snapshot per distinct report date of the evidence files ``paths``,
        oldest first: this assessment as of that date (for ``track_snapshots``).
        Evidence without a dated report is one snapshot, as it stands."""
        from assess.explain.track import Snapshot

        file = ", ".join(paths)
        dates = self.report_dates(paths)
        if not dates:
            return [(Snapshot("undated", file, None), self.compile(limits=limits))]
        return [(Snapshot(d, file, d), self.as_of(d).compile(limits=limits)) for d in dates]

    def argument_map(self, limits: Limits | None = None, *, expand: bool = False) -> ArgumentMap:
        """The argument map over the hypotheses, queries, contraries and
        observed atoms: grouped, or with ``expand`` one node per ground instance."""
        from assess.explain.argmap import argument_map, map_targets

        compiled = self.compile(targets=map_targets(self.ir), marginals=True, limits=limits)
        return argument_map(compiled, expand=expand)

    graph = argument_map
    """``assess graph``'s answer: the argument map (its nodes and edges)."""

    def track(
        self, files: Sequence[str] | None = None, limits: Limits | None = None
    ) -> TrackResult:
        """Each question across the report dates of ``files`` (by default the
        evidence: every file after the first, the rules; a lone file itself):
        one snapshot per date, oldest first, each this assessment as of that
        day (``assess track RULES EVIDENCE… --by-date``). To follow separate
        evidence files instead, see ``assess.track``."""
        read = [p.file for p in self.programs]
        paths = list(files) if files is not None else read[1:] or read
        return track_snapshots(self.dated_snapshots(paths, limits))

    def report_data(
        self, track: TrackResult | None = None, limits: Limits | None = None
    ) -> ReportData:
        """Everything ``assess report`` shows (``explain.report``), off one
        compilation (with marginals and the contraries, as the map needs).
        ``track``: the questions across evidence snapshots (``assess.track``);
        without it, across the report dates of the evidence (``track()``),
        when they are more than one, else none."""
        from assess.explain.argmap import map_targets
        from assess.explain.report import report_data

        compiled = self.compile(targets=map_targets(self.ir), marginals=True, limits=limits)
        if track is None:
            dated = self.track(limits=limits)
            track = dated if len(dated.snapshots) > 1 else None
        return report_data(compiled, track)

    def matrices(self, only: str | None = None, limits: Limits | None = None) -> list[Matrix]:
        """The ACH matrix of each competing set (only ``only``, if given)."""
        from assess.explain.matrix import matrices

        names = [c.name for c in self.ir.competing]
        if only is not None and only not in names:
            listed = ", ".join(names) or "none is declared"
            raise unknown_name("unknown_set", f"no competing set {only!r} (known: {listed})",
                               only, names)
        return matrices(self.compile(limits=limits), only)

    def matrix(self, set: str | None = None, limits: Limits | None = None) -> Matrix:
        """The ACH matrix of the competing set ``set``; without a name, of the
        only set the program declares (``unknown_set`` if it declares several)."""
        if set is None:
            names = [c.name for c in self.ir.competing]
            if len(names) != 1:
                listed = ", ".join(names) or "none is declared"
                raise AssessError([error(
                    "unknown_set", COMMAND_LINE, f"name one competing set (known: {listed})",
                )])
            set = names[0]
        (drawn,) = self.matrices(set, limits)
        return drawn

    def formulas(
        self, atom: str, limits: Limits | None = None, *, factored: bool = False
    ) -> list[Formula]:
        """The closed form of P(answer | evidence) for each ground answer of
        ``atom`` (it may hold variables), read off the circuit ``run`` evaluates;
        ``factored``: shared subexpressions named even in a small formula."""
        from assess.semantics.prob.formula import closed_forms  # sympy: only here

        written, wanted = known_pattern(self.ir, atom)
        compiled = self.compile(patterns=[written], limits=limits)
        return closed_forms(compiled.model, compiled.matching(wanted), factored=factored)

    def formula(
        self, atom: str, limits: Limits | None = None, *, factored: bool = False,
        exact: bool = False,
    ) -> Formulas:
        """``assess formula``'s answer: ``formulas`` of ``atom`` as one result,
        whose JSON carries the exact rationals when ``exact``."""
        from assess.semantics.prob.formula import Formulas  # sympy: only here

        return Formulas(atom, tuple(self.formulas(atom, limits, factored=factored)), exact)


def __getattr__(name: str) -> object:
    """``DEFAULT_GRADE`` and ``MAX_SIZE`` (``why_not``'s defaults), read from
    ``explain.abduce``, and ``ReportData``, from ``explain.report``, when
    first asked for."""
    if name in ("DEFAULT_GRADE", "MAX_SIZE"):
        from assess.explain import abduce

        return getattr(abduce, name)
    if name == "ReportData":
        from assess.explain.report import ReportData

        return ReportData
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(
    *paths: str, texts: Mapping[str, str] | None = None, check: bool = True,
    as_of: str | None = None, strict: bool = False, allow_outside: bool = False,
) -> Assessment:
    """Read ``paths`` (and in-memory ``texts``, name -> text) into an ``Assessment``.

    ``as_of``: only the reports dated up to that day (``YYYY-MM-DD``) count.
    Errors raise ``AssessError`` (``.diagnostics``: every one found); the
    checks' warnings are issued as one ``AssessWarning`` (``warnings.warn``)
    and kept on ``Assessment.warnings``, or with ``strict`` raised as an
    ``AssessError``. A ``load`` statement may not leave the project root
    (``workspace.project_root``) unless ``allow_outside``.
    """
    workspace = Workspace.from_paths(list(paths), allow_outside=allow_outside)
    if texts:
        workspace.add_texts(dict(texts))
    assessment = Assessment.from_workspace(workspace, check, as_of)
    if assessment.warnings and strict:
        raise AssessError(assessment.warnings)
    if assessment.warnings:
        warnings.warn(AssessWarning(assessment.warnings), stacklevel=2)
    return assessment


def track(
    rules: str, *snapshots: str, by_date: bool = False, limits: Limits | None = None,
    allow_outside: bool = False,
) -> TrackResult:
    """Each question across evidence snapshots (``assess track``): ``rules``
    read with each evidence file of ``snapshots`` in turn, in order; with
    ``by_date``, the files read together and one snapshot per report date
    (``Assessment.track``)."""
    if by_date:
        together = Assessment.from_workspace(
            Workspace.from_paths([rules, *snapshots], allow_outside=allow_outside))
        return together.track(snapshots, limits)
    return track_snapshots([
        Assessment.from_workspace(
            Workspace.from_paths([rules, path], allow_outside=allow_outside)
        ).snapshot(path, limits)
        for path in snapshots
    ])


def track_snapshots(snapshots: Sequence[tuple[Snapshot, Compiled]]) -> TrackResult:
    """Each question across evidence snapshots (``Assessment.snapshot`` of each,
    in order): the series, and the reports behind each change of ICD 203 term."""
    from assess.explain.track import track as track_over

    return track_over([c for _, c in snapshots], [s for s, _ in snapshots])
