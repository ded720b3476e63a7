"""The smallest sets of unreported indicators whose report would raise an atom.

Candidates are the ground indicator atoms that ``why-not`` found failing
(``Tracer.missing``): premises of the rules that could derive the atom,
followed to the trace's depth. (An indicator whose argument a rule leaves
open — ``troops(N), N >= 40000`` — has no value to assume and is not a
candidate.) Each candidate becomes a **hypothetical report** by a source
``hypothetical`` at a stated grade (default ``B2``: usually reliable,
probably true; 0.80 under the default table, or the ruleset's override).

The program is grounded and compiled *once* with all candidates reported;
each set is then evaluated by setting the reports outside it to 0. Sets are
tried by size (1, 2, … up to ``max_size``; at most ``budget`` sets). A set
is returned when it is *irredundant*: every member counts, i.e. dropping any
one of them gives a lower probability (so the set raises the atom above its
current value — for an atom that cannot hold, it makes it derivable — and
no smaller set gives as much). Sets are ranked by the probability they
give, then size, then name.

Example: with ``[r] 0.5::h :- a, b.`` and neither reported, the only set
is {a, b}, giving 0.5 × 0.8 × 0.8 = 0.32 at grade B2 ({a} alone gives 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from assess.analysis.grading import RELIABILITY
from assess.analysis.icd203 import term
from assess.diagnostics import COMMAND_LINE, AssessError, error
from assess.engine.ir import GroundAtom, IRProgram
from assess.engine.lower import lower
from assess.engine.terms import Str
from assess.explain.whynot import Tracer, WhyNotNode
from assess.results import Result
from assess.semantics.prob.choices import atom_text
from assess.semantics.prob.compiled import Compiled, compile_assessment
from assess.semantics.prob.model import Key
from assess.syntax import ast

DEFAULT_GRADE = "B2"
MAX_SIZE = 3
BUDGET = 4096


@dataclass(frozen=True, slots=True)
class IndicatorSet:
    atoms: tuple[str, ...]
    probability: float


def parse_grade(text: str) -> tuple[str, int]:
    """``B2`` -> ("B", 2); an error for anything else."""
    grade = text.strip().upper()
    if len(grade) != 2 or grade[0] not in RELIABILITY or grade[1] not in "123456":
        raise AssessError([error(
            "invalid_grade", COMMAND_LINE, f"{text!r} is not a grade: a letter A-F and a digit 1-6",
        )])
    return grade[0], int(grade[1])


def _source_name(ir: IRProgram) -> str:
    name = "hypothetical"
    while name in ir.sources:
        name += "_"
    return name


def _constant(value: object) -> ast.Symbol | ast.String | ast.Number:
    """The syntax of a term value (``lower.constant`` read backwards)."""
    if isinstance(value, float):
        return ast.Number(float(value))
    if isinstance(value, int):
        return ast.Number(value)
    if isinstance(value, Str):
        return ast.String(str(value))
    return ast.Symbol(str(value))


def hypothetical_reports(
    ir: IRProgram, atoms: Sequence[GroundAtom], grade: str
) -> tuple[str, list[ast.SourceDecl | ast.Report]]:
    """A source and one report per atom, graded ``grade``."""
    letter, credibility = parse_grade(grade)
    name = _source_name(ir)
    statements: list[ast.SourceDecl | ast.Report] = [
        ast.SourceDecl(name, "hypothetical report (what-if)", letter)
    ]
    for pred, values in atoms:
        atom = ast.Atom(pred.name, tuple(_constant(v) for v in values), pred.contrary)
        statements.append(ast.Report(atom, name, credibility))
    return name, statements


def abduce(
    programs: Sequence[ast.Program], target: GroundAtom, candidates: Sequence[GroundAtom],
    grade: str = DEFAULT_GRADE, max_size: int = MAX_SIZE, budget: int = BUDGET, top: int = 5,
) -> list[IndicatorSet]:
    """Minimal sets of ``candidates`` whose report raises ``target`` (see above)."""
    if not candidates:
        parse_grade(grade)
        return []
    ir = lower(programs)
    source, extra = hypothetical_reports(ir, candidates, grade)
    compiled = compile_assessment(lower(programs, extra), targets=[target])
    hyp = {
        inp.rule: atom_text(inp.atom)
        for inp in compiled.model.inputs
        if any(r.source == source for r in compiled.ir.reports.get(inp.rule, ()))
    }
    off: dict[Key, float] = dict.fromkeys(hyp, 0.0)
    base = compiled.probability(target, off) if hyp else compiled.probability(target)
    value: dict[frozenset[int], float] = {frozenset(): base}
    working: list[tuple[frozenset[int], float]] = []
    for size in range(1, min(max_size, len(hyp)) + 1):
        for subset in combinations(sorted(hyp), size):
            if len(value) > budget:
                break
            chosen = frozenset(subset)
            p = compiled.probability(target, {k: v for k, v in off.items() if k not in chosen})
            value[chosen] = p
            if all(p > value[chosen - {x}] + 1e-12 for x in chosen):
                working.append((chosen, p))
    found = [IndicatorSet(tuple(sorted(hyp[r] for r in s)), p) for s, p in working]
    found.sort(key=lambda x: (-x.probability, len(x.atoms), x.atoms))
    return found[:top]


@dataclass(frozen=True, slots=True, repr=False)
class WhyNotResult(Result):
    atom: str
    probability: float
    term: str
    trace: WhyNotNode
    grade: str
    sets: tuple[IndicatorSet, ...]


def why_not(
    programs: Sequence[ast.Program], compiled: Compiled, atom: GroundAtom, depth: int = 4,
    grade: str = DEFAULT_GRADE, max_size: int = MAX_SIZE,
) -> WhyNotResult:
    """The failure trace of ``atom`` and the indicator sets that would raise it."""
    parse_grade(grade)
    tracer = Tracer(compiled)
    trace = tracer.explain(atom, depth, frozenset())
    sets = abduce(programs, atom, tracer.missing, grade, max_size)
    p = compiled.probability(atom)
    return WhyNotResult(atom_text(atom), p, term(p), trace, grade.upper(), tuple(sets))
