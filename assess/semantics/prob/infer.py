"""The ``prob`` reading's answers: P(question | evidence) for every question.

A thin reading of the one compiled assessment (``compiled``): ``prob(ir)``
compiles the program's queries and hypotheses (and the ``also``
predicates' atoms) and returns their answers with the model behind them.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> ir = lower([parse("0.3::a. 0.6::b. c :- a. c :- b. query(c).")])
    >>> [round(r.probability, 4) for r in prob(ir).answers]
    [0.72]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assess.engine.ir import IRProgram, Pred
from assess.results import Result
from assess.semantics.prob.compile import Limits
from assess.semantics.prob.compiled import Compiled, compile_assessment
from assess.semantics.prob.model import CompiledModel, Reply


@dataclass(frozen=True, repr=False)
class ProbResult(Result):
    """The answers under ``prob``, and the compiled assessment behind them."""

    answers: tuple[Reply, ...]
    compiled: Compiled = field(repr=False)
    semantics: str = "prob"

    def to_json(self) -> dict[str, Any]:
        """``{"semantics": "prob", "queries": [{"atom", "probability", …}]}``."""
        return {"semantics": self.semantics, "queries": [a.to_json() for a in self.answers]}

    @property
    def model(self) -> CompiledModel:
        """The compiled model: re-evaluate, differentiate, compute exactly."""
        return self.compiled.model

    def __repr__(self) -> str:
        shown = ", ".join(f"{a.text}={a.probability:.4g}" for a in self.answers[:8])
        more = f", … {len(self.answers) - 8} more" if len(self.answers) > 8 else ""
        return f"ProbResult({shown}{more})"


def prob(ir: IRProgram, limits: Limits | None = None, also: Sequence[Pred] = ()) -> ProbResult:
    """P(query | evidence) for every query and hypothesis of ``ir`` (and every
    atom of the ``also`` predicates)."""
    compiled = compile_assessment(ir, limits=limits, also=also)
    return ProbResult(tuple(compiled.replies()), compiled)


def infer(
    ir: IRProgram, limits: Limits | None = None, also: Sequence[Pred] = ()
) -> CompiledModel:
    """The compiled model of ``prob(ir)``."""
    return compile_assessment(ir, limits=limits, also=also).model
