"""One grounding and one compilation that every explanation reads.

A ``Session`` grounds a lowered program (relevance-sliced to its questions
and the atoms asked about) once, records the derivation graph, and compiles
it once into a ``CompiledModel``. Everything an explanation needs is then a
reading of the graph or a re-evaluation of the compiled model with changed
input probabilities — never another grounding.

Contraries are read as ``prob`` reads them (an argument for ``~h`` attacks
``h``; ``semantics.prob.contraries``), so every number here is the one
``assess run`` prints.

The *questions* are the program's ``query/1`` atoms and its declared
hypotheses (every ground answer). ``targets`` are extra ground atoms the
caller asks about; with ``marginals`` every atom in the cone of the
questions and targets is compiled as well, so that each step of a proof or
each node of the argument map has its probability.

``STATS`` counts groundings and compilations; it is the instrumented hook
with which tests prove that ``what-if`` re-evaluates without re-grounding.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> s = Session(lower([parse("0.3::a. 0.6::b. c :- a. c :- b. query(c).")]))
    >>> [(atom_text(q), round(p, 2)) for q, p in s.question_probabilities().items()]
    [('c', 0.72)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from assess.analysis.icd203 import band_index, phrase
from assess.diagnostics import AssessError, error
from assess.engine.ir import GroundAtom, IConst, IRAtom, IRProgram, IRQuery
from assess.engine.provenance import FACT, DerivationGraph
from assess.semantics.prob import contraries
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.compile import Limits, compile_model, resolve
from assess.semantics.prob.infer import ground, with_hypotheses
from assess.semantics.prob.lineage import disjoin
from assess.semantics.prob.model import CompiledModel, Key
from assess.syntax import ast
from assess.syntax.parser import parse

COMMAND_LINE = ast.Span("<command line>", 0, 0, 0, 0)


@dataclass
class Stats:
    """How many times a program was grounded and compiled (a test hook)."""

    groundings: int = 0
    compilations: int = 0


STATS = Stats()


def parse_atom(text: str) -> GroundAtom:
    """The ground atom written ``text`` (``troops(12500)``, ``~h``)."""
    try:
        program = parse(f"query({text.strip()}).", "<command line>")
    except AssessError:
        raise AssessError([error(
            "bad_atom", COMMAND_LINE, f"{text!r} is not an atom (write it as in a rule: p(a, 1))",
        )]) from None
    statement = program.statements[0] if len(program.statements) == 1 else None
    if not isinstance(statement, ast.Query):
        raise AssessError([error("bad_atom", COMMAND_LINE, f"{text!r} is not one atom")])
    atom = statement.atom
    if any(isinstance(t, ast.Var) for t in atom.args):
        raise AssessError([error(
            "nonground_atom", COMMAND_LINE, f"{text!r} has variables; name one ground atom",
        )])
    from assess.engine.lower import ground_atom

    found = ground_atom(atom)
    assert found is not None
    return found


def clamp(probability: float) -> float:
    """Float noise can leave 1 + 1e-16; the ICD 203 scale takes 0..1."""
    return min(1.0, max(0.0, probability))


def term(probability: float) -> str:
    """The ICD 203 words for ``probability``."""
    return phrase(clamp(probability))


def term_class(probability: float) -> int:
    """Which ICD 203 term ``probability`` falls in; 0 and 1 (logical outcomes,
    not estimates) are classes of their own. "remote (below 1 %)" is the same
    term as "almost no chance", only printed with its bound."""
    p = clamp(probability)
    return -1 if p == 0.0 else 99 if p == 1.0 else band_index(p)


def _query(atom: GroundAtom) -> IRQuery:
    return IRQuery(IRAtom(atom[0], tuple(IConst(v) for v in atom[1])))


class Session:
    """A grounded, compiled program (see the module docstring)."""

    def __init__(
        self,
        ir: IRProgram,
        targets: Sequence[GroundAtom] = (),
        *,
        marginals: bool = False,
        graph: DerivationGraph | None = None,
        limits: Limits | None = None,
    ) -> None:
        asked = with_hypotheses(ir)
        self.ir = replace(asked, queries=[*asked.queries, *(_query(t) for t in targets)])
        self.targets = tuple(targets)
        self.limits = limits
        self.contested = contraries.contested_predicates(self.ir)
        self.conflicting = contraries.conflicting(self.ir)
        if graph is None:
            STATS.groundings += 1
            graph = ground(self.ir, limits)
        self.graph = graph
        self.questions = self._resolve(asked.queries)
        extra = self.cone_atoms() if marginals else list(self.targets)
        compiled = replace(self.ir, queries=[_query(g) for g in [*self.questions, *extra]])
        STATS.compilations += 1
        hooks = contraries.hooks(self.ir, graph)
        combine, order = (hooks.combine, hooks.extra) if hooks is not None else (disjoin, None)
        self.model: CompiledModel = compile_model(
            compiled, graph, limits=limits, combine=combine, extra=order
        )
        self._index = {q: i for i, q in enumerate(self.model.queries)}
        self._choice_inputs = {(i.rule, i.atom, i.body): i for i in self.model.inputs}

    def _resolve(self, queries: Iterable[IRQuery]) -> list[GroundAtom]:
        out: list[GroundAtom] = []
        for q in queries:
            out.extend(g for g in resolve(q.atom, self.graph) if g not in out)
        return out

    def opponent(self, atom: int) -> int | None:
        """The contrary ``~h`` of ``h`` (or ``h`` of ``~h``) when it attacks it."""
        pred, values = self.graph.atoms[atom]
        if pred not in self.contested:
            return None
        found = self.graph.find((pred.complement, values))
        return found if found is not None and self.graph.by_head[found] else None

    def rivals(self, atom: int) -> list[int]:
        """Every atom that attacks ``atom``: its contrary and its declared
        ``conflict`` partners, where some rule derives them."""
        pred, values = self.graph.atoms[atom]
        if pred not in self.contested:
            return []
        found = (self.graph.find((o, values)) for o in self.conflicting.get(pred, ()))
        return [a for a in found if a is not None and self.graph.by_head[a]]

    def cone(self, roots: Iterable[int]) -> set[int]:
        """Atom ids that ``roots`` depend on (through positive and negated
        premises, and the contraries and conflict partners that attack an atom)."""
        seen: set[int] = set()
        stack = list(roots)
        while stack:
            a = stack.pop()
            if a in seen:
                continue
            seen.add(a)
            stack.extend(self.rivals(a))
            for d in self.graph.by_head[a]:
                der = self.graph.derivations[d]
                stack.extend(der.pos)
                stack.extend(der.neg)
        return seen

    def cone_atoms(self) -> list[GroundAtom]:
        wanted = [*self.questions, *self.targets]
        roots = [a for g in wanted if (a := self.graph.find(g)) is not None]
        return [self.graph.atoms[a] for a in sorted(self.cone(roots))]

    def has(self, atom: GroundAtom) -> bool:
        return atom in self._index

    def probability(self, atom: GroundAtom, weights: Mapping[Key, float] | None = None) -> float:
        """P(atom | evidence); 0 for an atom that no derivation reaches."""
        if atom not in self._index:
            found = self.graph.find(atom)
            if found is None or not self.graph.by_head[found]:
                return 0.0
            raise AssessError([error(
                "not_compiled", COMMAND_LINE, f"{atom_text(atom)} was not compiled",
            )])
        return self.model.probability(self._index[atom], weights)

    def probabilities(self, weights: Mapping[Key, float] | None = None) -> dict[GroundAtom, float]:
        """P(atom | evidence) of every compiled atom (questions first)."""
        return {r.atom: r.probability for r in self.model.probabilities(weights)}

    def question_probabilities(
        self, weights: Mapping[Key, float] | None = None
    ) -> dict[GroundAtom, float]:
        every = self.probabilities(weights)
        return {q: every[q] for q in self.questions}

    def gradient(
        self, atom: GroundAtom, weights: Mapping[Key, float] | None = None
    ) -> dict[Input, float]:
        """∂P(atom | evidence)/∂p for every input p ({} for an underivable atom)."""
        if atom not in self._index:
            return {}
        return self.model.gradient(self._index[atom], weights)

    def input_of(self, derivation: int) -> Input | None:
        """The model's input for a choice derivation (None if not compiled)."""
        der = self.graph.derivations[derivation]
        if der.rule == FACT:
            return None
        body = tuple(self.graph.atoms[a] for a in der.pos + der.neg)
        return self._choice_inputs.get((der.rule, self.graph.atoms[der.head], body))

    def report_inputs(self) -> dict[int, Input]:
        """Report choice rule id -> its compiled input."""
        return {i.rule: i for i in self.model.inputs if i.rule in self.ir.reports}

    def lineage_reports(self, atom: GroundAtom) -> list[int]:
        """Report choice rule ids in the lineage of ``atom``, in graph order."""
        found = self.graph.find(atom)
        if found is None:
            return []
        rules: set[int] = set()
        for a in self.cone([found]):
            for d in self.graph.by_head[a]:
                rule = self.graph.derivations[d].rule
                if rule in self.ir.reports:
                    rules.add(rule)
        return sorted(rules)
