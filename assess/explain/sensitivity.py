"""``sensitivity``: which inputs move an atom's probability, and how far.

Inputs are levers of three kinds, ranked by the size of their exact
derivative (one backward pass over the compiled circuit, ``gradient``):

* a **report** (one origin's choice): ∂P/∂p of its probability p;
* a **rule weight** (a label, or an unlabelled probabilistic rule or fact):
  the sum of ∂P/∂w over its ground instances, since setting the weight sets
  them all;
* a **source grade**: the chain rule through the grading table: a report's
  probability is the mean of the reliability's and the credibility's, so
  ∂p/∂r = ½ for every choice whose best report is the source's (0 where a
  ``grade`` override fixes the cell); the derivative is w.r.t. the
  reliability's probability r (A 0.95 … E 0.25).

**A member of a set** ``given c`` is read as ``assess run`` reads it
(``reading``): what moves is P(h | c) = P(h ∧ c | e) / P(c | e), its
derivative is the quotient rule on the gradients of the two formulas
(``Compiled.given_gradient``), and the crossings are of that number's
ICD 203 edges. Where c has probability 0 there is no judgement to move:
no levers, and the term is ``icd203.no_judgement(c)``.

Inputs whose derivative is exactly 0 are left out. For each lever, the
value at which P would reach the next ICD 203 edge up and down. With one
input x, P is a ratio of two functions linear in x,
``P(x) = (a + b·x) / (c + d·x)`` (c + d·x is the evidence's probability, 1
without evidence; for P(h | c), wmc(h ∧ c ∧ e) over wmc(c ∧ e)), so two
evaluations fix a, b, c, d and the crossing
``x* = (t·c − a) / (b − t·d)`` is exact; a weight with several instances is
a polynomial, solved by bisection to 1e-15. ``None``: it cannot cross
within [0, 1]. A source's crossing is a *grade*: the nearest reliability
letter, up and down, at which the term changes (each evaluated exactly).

Example: ``0.5::h :- a.`` with a B2 report of ``a`` (0.80): P(h) = 0.4,
∂P/∂p(a) = 0.5, and P(h) reaches 0.45 (roughly even chance) at p(a) = 0.9::

    >>> import assess
    >>> from assess.semantics.prob.compiled import compile_assessment
    >>> from assess.engine.lower import parse_atom
    >>> a = assess.load(texts={"x.assess": 'source s "S" reliability B. indicator a "A". '
    ...     'report a by s credibility 2. 0.5::h :- a. query(h).'})
    >>> levers = sensitivity(compile_assessment(a.ir), parse_atom("h")).levers
    >>> [(v.kind, v.name, round(v.derivative, 4), v.up) for v in levers]
    [('rule', 'h<-a', 0.8, 0.5625), ('report', 'a@s', 0.5, 0.9), ('source', 's', 0.25, None)]
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.analysis.grading import RELIABILITY
from assess.analysis.icd203 import BANDS, band_index, clamp, next_edges, no_judgement, term
from assess.engine.ir import GroundAtom
from assess.explain.changes import Change, weights
from assess.explain.crossings import Edges, Moved, crossings
from assess.explain.evidence import graded, report_info
from assess.explain.reading import conditional_members, reading
from assess.results import Result
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.compiled import Compiled
from assess.semantics.prob.model import Key


@dataclass(frozen=True, slots=True)
class Lever:
    kind: str
    """``report``, ``rule`` or ``source``."""
    name: str
    value: float | str
    derivative: float
    up: float | str | None
    down: float | str | None
    detail: str


@dataclass(frozen=True, slots=True)
class SensitivityGiven:
    """The condition of a member of a set ``given c``, P(c) and P(h) overall."""

    condition: str
    condition_probability: float
    overall: float


@dataclass(frozen=True, slots=True, repr=False)
class SensitivityResult(Result):
    atom: str
    probability: float | None
    """P(atom), or P(atom | c) with ``given`` (None where c has probability 0)."""
    term: str
    term_up: str | None
    term_down: str | None
    edge_up: float | None
    edge_down: float | None
    levers: tuple[Lever, ...]
    given: SensitivityGiven | None = None


def _rule_levers(compiled: Compiled, grad: dict[Input, float]) -> dict[Key, list[Input]]:
    groups: dict[Key, list[Input]] = {}
    for inp in grad:
        if inp.rule in compiled.ir.reports:
            continue
        groups.setdefault(inp.label if inp.label is not None else inp.rule, []).append(inp)
    return groups


def _source_derivative(compiled: Compiled, grad: dict[Input, float], source: str) -> float:
    ir, grader = compiled.ir, graded(compiled.ir)
    total = 0.0
    for inp, g in grad.items():
        reports = ir.reports.get(inp.rule, ())
        best = max(reports, key=grader, default=None)
        cell = None if best is None else f"{ir.sources[best.source].reliability}{best.credibility}"
        if best is not None and best.source == source and cell not in ir.grades:
            total += 0.5 * g
    return total


def _band(p: float | None) -> int | None:
    return None if p is None else band_index(clamp(p))


def _grade_crossing(moved: Moved, source: str) -> tuple[str | None, str | None]:
    compiled = moved.compiled
    letter = compiled.ir.sources[source].reliability
    now = _band(moved.value())
    order = sorted(RELIABILITY, key=lambda x: RELIABILITY[x])
    here = order.index(letter)

    def first(letters: list[str]) -> str | None:
        for other in letters:
            w = weights(compiled, Change(grade={source: other}))
            if _band(moved.value(w)) != now:
                return other
        return None

    return first(order[here + 1:]), first(list(reversed(order[:here])))


def _report_levers(moved: Moved, p: float, grad: dict[Input, float], edges: Edges
                   ) -> list[Lever]:
    compiled, out = moved.compiled, []
    for inp, g in grad.items():
        if inp.rule not in compiled.ir.reports:
            continue
        x0 = compiled.model.base[compiled.model.inputs.index(inp)]
        infos = [report_info(compiled.ir, r) for r in compiled.ir.reports[inp.rule]]
        line = (p - g * x0, g)
        up, down = crossings(moved, inp, 1, x0, edges, line)
        out.append(Lever("report", inp.name, x0, g, up, down,
                         "; ".join(f"{r.key} {r.grade}" for r in infos)))
    return out


def _weight_levers(moved: Moved, p: float, grad: dict[Input, float], edges: Edges
                   ) -> list[Lever]:
    compiled, out = moved.compiled, []
    for key, members in _rule_levers(compiled, grad).items():
        rule = compiled.ir.rules[members[0].rule]
        x0 = rule.probability or 0.0
        name = key if isinstance(key, str) else members[0].name
        g = sum(grad[m] for m in members)
        line = (p - g * x0, g)
        up, down = crossings(moved, key, len(members), x0, edges, line)
        out.append(Lever("rule", name, x0, g, up, down,
                         f"{rule.span.file}:{rule.span.line}"))
    return out


def _source_levers(moved: Moved, grad: dict[Input, float]) -> list[Lever]:
    out = []
    reports = moved.compiled.ir.reports
    sources = {r.source for rule in moved.lineage_reports() for r in reports[rule]}
    for source in sorted(sources):
        decl = moved.compiled.ir.sources[source]
        grade_up, grade_down = _grade_crossing(moved, source)
        out.append(Lever("source", source, decl.reliability,
                         _source_derivative(moved.compiled, grad, source), grade_up, grade_down,
                         decl.description))
    return out


def moved(compiled: Compiled, atom: GroundAtom) -> Moved:
    """What sensitivity moves for ``atom``: P(atom), or P(atom | c) (``reading``)."""
    return Moved(compiled, atom, conditional_members(compiled).get(atom))


def sensitivity(compiled: Compiled, atom: GroundAtom) -> SensitivityResult:
    """Every lever on ``atom``, strongest first (see the module docstring)."""
    target = moved(compiled, atom)
    r = reading(compiled, atom)
    given = None if r.condition is None else SensitivityGiven(
        r.condition, clamp(r.condition_probability), clamp(r.probability))
    p = r.judged
    if p is None:
        assert r.condition is not None
        return SensitivityResult(atom_text(atom), None, no_judgement(r.condition),
                                 None, None, None, None, (), given)
    low, high = next_edges(clamp(p))
    index = band_index(clamp(p))
    grad = target.gradient()
    levers = [
        *_report_levers(target, p, grad, (high, low)),
        *_weight_levers(target, p, grad, (high, low)),
        *_source_levers(target, grad),
    ]
    levers = [lv for lv in levers if lv.derivative != 0.0]
    levers.sort(key=lambda lv: (-abs(lv.derivative), lv.kind, lv.name))
    return SensitivityResult(
        atom_text(atom), p, term(p),
        BANDS[index + 1].estimate.value if high is not None else None,
        BANDS[index - 1].estimate.value if low is not None else None,
        high, low, tuple(levers), given,
    )
