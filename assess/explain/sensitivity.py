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

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from assess.analysis.grading import RELIABILITY
from assess.analysis.icd203 import BANDS, band_index, clamp, next_edges, no_judgement, term
from assess.engine.ir import GroundAtom
from assess.explain.changes import Change, weights
from assess.explain.evidence import graded, report_info
from assess.explain.reading import conditional_members, judged, reading
from assess.results import Result
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.compiled import Compiled
from assess.semantics.prob.model import Key

Line = tuple[float, float]
Edges = tuple[float | None, float | None]
BISECTIONS = 60
GRID = 32


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


@dataclass(frozen=True, slots=True)
class Moved:
    """What the levers move: P(atom), or P(atom | c) when ``set_index``
    names the set ``given c`` it is read in (``reading``). Each number
    costs one evaluation of the circuit."""

    compiled: Compiled
    atom: GroundAtom
    set_index: int | None

    def value(self, changed: Mapping[Key, float] | None = None) -> float | None:
        """The number read with ``changed`` inputs (None: c cannot hold)."""
        return judged(self.compiled, self.atom, changed)

    def parts(self, key: Key, x: float) -> tuple[float, float]:
        """The value's numerator and denominator with input ``key`` at ``x``,
        each linear in x: wmc(h ∧ e) and wmc(e), or wmc(h ∧ c ∧ e) and wmc(c ∧ e)."""
        compiled, model = self.compiled, self.compiled.model
        if self.set_index is None:
            e = model.evidence_probability({key: x}) if model.evidence else 1.0
            return compiled.probability(self.atom, {key: x}) * e, e
        block = compiled.set_formula_indices()[self.set_index]
        masses = model.formula_masses({key: x})
        joint = block[1 + compiled.sets[self.set_index].members.index(self.atom)]
        return masses[joint], masses[block[0]]

    def gradient(self) -> dict[Input, float]:
        """∂value/∂p for every input p."""
        if self.set_index is None:
            return self.compiled.gradient(self.atom)
        return self.compiled.given_gradient(self.set_index, self.atom)

    def lineage_reports(self) -> list[int]:
        """The report choice rules under the atom, and under the condition."""
        rules = self.compiled.lineage_reports(self.atom)
        condition = None if self.set_index is None else self.compiled.sets[self.set_index].condition
        more = [] if condition is None else self.compiled.lineage_reports(condition)
        return sorted({*rules, *more})


Fit = tuple[float, float, float, float]
"""(a, b, c, d) of P(x) = (a + b·x) / (c + d·x) in one input x."""


def _fit(moved: Moved, key: Key, line: Line) -> Fit:
    """The ratio of lines that the moved number is in input ``key``: without
    evidence or a condition, ``line`` itself (P − slope·x0, slope), else
    from two evaluations."""
    if not moved.compiled.model.evidence and moved.set_index is None:
        return line[0], line[1], 1.0, 0.0
    (n0, e0), (n1, e1) = moved.parts(key, 0.25), moved.parts(key, 0.75)
    b, d = (n1 - n0) / 0.5, (e1 - e0) / 0.5
    return n0 - 0.25 * b, b, e0 - 0.25 * d, d


def _linear_root(fit: Fit, target: float) -> float | None:
    a, b, c, d = fit
    denominator = b - target * d
    if abs(denominator) < 1e-15:
        return None
    x = _within((target * c - a) / denominator)
    return None if x is None or c + d * x <= 0.0 else x


def _within(x: float) -> float | None:
    return min(max(x, 0.0), 1.0) if -1e-12 <= x <= 1 + 1e-12 else None


def _bisect_root(f: Callable[[float], float | None], x0: float, target: float) -> float | None:
    """Where ``f`` reaches ``target`` nearest ``x0`` (None where f is undefined)."""
    xs = [i / GRID for i in range(GRID + 1)]
    ys = [None if (y := f(x)) is None else y - target for x in xs]
    brackets = [(xs[i], xs[i + 1]) for i, (y0, y1) in enumerate(pairwise(ys))
                if y0 is not None and y1 is not None and (y0 == 0 or y0 * y1 < 0 or y1 == 0)]
    if not brackets:
        return None
    lo, hi = min(brackets, key=lambda b: abs((b[0] + b[1]) / 2 - x0))
    flo = (f(lo) or 0.0) - target
    for _ in range(BISECTIONS):
        mid = (lo + hi) / 2
        found = f(mid)
        if found is None:
            break
        fm = found - target
        if fm == 0:
            return mid
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) / 2


def crossings(moved: Moved, key: Key, count: int, x0: float, edges: Edges,
              line: Line) -> tuple[float | None, float | None]:
    """The input values at which the moved number reaches each of ``edges``
    (None: never in [0, 1]); one fit, or one memo of evaluations, for both.

    ``line`` is (P − slope·x0, slope): without evidence or a condition, P in
    one input *is* that line, so the gradient already gives the crossing.
    """
    if count == 1:
        fit = _fit(moved, key, line) if any(t is not None for t in edges) else None
        up, down = (None if t is None or fit is None else _linear_root(fit, t) for t in edges)
        return up, down
    seen: dict[float, float | None] = {}

    def f(x: float) -> float | None:
        if x not in seen:
            seen[x] = moved.value({key: x})
        return seen[x]

    up, down = (None if t is None else _bisect_root(f, x0, t) for t in edges)
    return up, down


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
