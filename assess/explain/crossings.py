"""Where a number the levers move reaches an ICD 203 edge, as one input varies.

``Moved`` is that number: P(h), or P(h | c) for a member of a set
``given c`` (``reading``). With one input x it is a ratio of two functions
linear in x, ``P(x) = (a + b·x) / (c + d·x)`` (c + d·x is the evidence's
probability, 1 without evidence; for P(h | c), wmc(h ∧ c ∧ e) over
wmc(c ∧ e)): two evaluations fix a, b, c, d, and the crossing
``x* = (t·c − a) / (b − t·d)`` is exact. A weight with several instances
makes a polynomial, solved by bisection to 1e-15 from a grid of
``GRID`` points. ``None``: no crossing within [0, 1].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from assess.engine.ir import GroundAtom
from assess.explain.reading import judged
from assess.semantics.prob.choices import Input
from assess.semantics.prob.compiled import Compiled
from assess.semantics.prob.model import Key

Line = tuple[float, float]
"""(P − slope·x0, slope): the tangent of P at the input's value x0."""
Edges = tuple[float | None, float | None]
"""The next ICD 203 edge up and down (None: none that way)."""
BISECTIONS = 60
GRID = 32


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
