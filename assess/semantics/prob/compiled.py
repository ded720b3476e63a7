"""The one compiled assessment: every reading of ``prob`` takes this object.

``compile_assessment(ir)`` is the only road from a lowered program to
probabilities. It

1. asks the program's questions: its ``query/1`` atoms, then each declared
   hypothesis not already queried (every ground answer of one with
   parameters), then every atom of the ``also`` predicates;
2. adds the caller's ``targets`` (ground atoms) and ``patterns`` (atoms
   with variables: every ground answer the grounding holds that some world
   can make true, ``decided.impossible``; a written query that none answers
   is answered itself, with probability 0: ``Compiled.as_asked``);
3. grounds once (``infer.ground``: relevance-sliced, possible mode,
   derivations recorded), unless a ``graph`` is handed over;
4. wires in the program's contraries and ``conflict`` pairs
   (``contraries.hooks``: how an atom's lineage is combined, the variable
   order's extra dependencies, and the ``contrary``/``contested`` readout),
   and its exclusive competing sets (``competing.hooks``) over them;
5. compiles once (``compile.compile_model``), with ``marginals`` every atom
   in the cone of the questions and targets as well, so that each step of
   a proof or node of the argument map has its probability; with every
   competing set's readout (``set_readouts``: each member given the set's
   condition, P(more than one), P(none)) frozen into the same circuit.

So ``run``, ``formula``, the matrix, ``why``, ``why-not``, ``what-if``,
``sensitivity``, ``graph``, ``track`` and the scenarios read one model and
cannot disagree about a number. A ``Compiled`` answers probabilities,
gradients, the named readout (contested, contrary), cones and input
lookups; re-evaluation with changed inputs never grounds or compiles again.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> c = compile_assessment(lower([parse("a. b. 0.8::h :- a. 0.6::~h :- b. query(h).")]))
    >>> [(atom_text(q), round(p, 2)) for q, p in c.question_probabilities().items()]
    [('h', 0.32)]
    >>> round(c.model.contested("h"), 2)
    0.48
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from assess.diagnostics import COMMAND_LINE, AssessError, error
from assess.engine.ir import (
    GroundAtom,
    IConst,
    IRAtom,
    IRProgram,
    IRQuery,
    Pred,
    matches,
    with_hypotheses,
)
from assess.engine.provenance import FACT, DerivationGraph
from assess.engine.show import query_text
from assess.semantics.prob import competing, contraries
from assess.semantics.prob.choices import Input, atom_text
from assess.semantics.prob.competing import CompetingSet, SetReadout
from assess.semantics.prob.compile import Limits, compile_model, resolve, text_order
from assess.semantics.prob.decided import impossible
from assess.semantics.prob.grounding import ground_program
from assess.semantics.prob.lineage import Lineage, disjoin
from assess.semantics.prob.model import CompiledModel, Key, QueryResult, Reply, Unanswered

Formula = tuple[Sequence[int], Callable[[Lineage], int]]
"""A formula to compile: the graph atoms it reads, and how to build it from the lineage."""


def ground_query(atom: GroundAtom) -> IRQuery:
    """The query asking for one ground atom."""
    return IRQuery(IRAtom(atom[0], tuple(IConst(v) for v in atom[1])))


def compile_assessment(
    ir: IRProgram,
    *,
    targets: Sequence[GroundAtom] = (),
    patterns: Sequence[IRAtom] = (),
    also: Sequence[Pred] = (),
    marginals: bool = False,
    limits: Limits | None = None,
    graph: DerivationGraph | None = None,
    formulas: Sequence[Formula] = (),
    engine: str = "native",
) -> Compiled:
    """Ground (unless ``graph`` is given; the cone found in a database for a
    SQL ``engine``: ``grounding``) and compile ``ir`` (module docstring);
    each of ``formulas`` (the graph atoms it reads, and how to build it from
    the lineage) is compiled too, read back by ``Compiled.formula_values``."""
    asked = with_hypotheses(ir, also)
    wanted = [*(ground_query(t) for t in targets), *(IRQuery(p) for p in patterns)]
    program = replace(asked, queries=[*asked.queries, *wanted])
    if graph is None:
        grounded, graph = ground_program(program, limits, engine)
        made = grounded.queries[len(program.queries):]  # by clauses of query/1
        asked = replace(asked, queries=[*asked.queries, *made])
        program = replace(grounded, queries=[*asked.queries, *wanted])
    unanswered: list[tuple[int, Unanswered]] = []
    open_ = any(not all(isinstance(t, IConst) for t in q.atom.args) for q in program.queries)
    ruled_out = impossible(program.rules, graph) if open_ else set()
    questions = _resolve(asked.queries, graph, ruled_out, unanswered)
    found = [g for g in _resolve(wanted, graph, ruled_out) if g not in questions]
    return Compiled(program, graph, questions, tuple(found), marginals, limits,
                    tuple(unanswered), tuple(formulas))


def _resolve(
    queries: Iterable[IRQuery], graph: DerivationGraph, ruled_out: set[int],
    unanswered: list[tuple[int, Unanswered]] | None = None,
) -> tuple[GroundAtom, ...]:
    """The ground atoms the queries ask about (a pattern's: those some world
    can make true); into ``unanswered``, each written query with variables
    that none answers (with its position)."""
    out: list[GroundAtom] = []
    for q in queries:
        found = resolve(q.atom, graph, ruled_out)
        if not found and unanswered is not None and q.origin is not None:
            unanswered.append((len(out), Unanswered(q.atom, query_text(q))))
        out.extend(g for g in found if g not in out)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Contest:
    """Who can attack an atom: its contrary's and conflict partners' predicates."""

    contested: frozenset[Pred]
    conflicting: Mapping[Pred, frozenset[Pred]]


class Compiled:
    """A grounded, compiled program (see the module docstring).

    Invariant: ``model.queries`` is ``questions`` followed by ``targets``
    not among them, then (with marginals) the rest of their cone; the
    ``contrary``/``contested`` readout is compiled for questions and targets.
    """

    def __init__(
        self,
        ir: IRProgram,
        graph: DerivationGraph,
        questions: tuple[GroundAtom, ...],
        targets: tuple[GroundAtom, ...],
        marginals: bool,
        limits: Limits | None,
        unanswered: tuple[tuple[int, Unanswered], ...] = (),
        formulas: tuple[Formula, ...] = (),
    ) -> None:
        self.ir, self.graph, self.limits = ir, graph, limits
        self.questions, self.targets = questions, targets
        self.unanswered = unanswered
        self.contest = Contest(
            frozenset(contraries.contested_predicates(ir)), contraries.conflicting(ir)
        )
        self.sets: tuple[CompetingSet, ...] = competing.resolve_sets(ir, graph)
        self._exclusive = {a: s for s in self.sets if s.exclusive for a in s.atoms}
        asked = [*questions, *targets]
        extra = [a for a in self.cone_atoms() if a not in asked] if marginals else []
        compiled = replace(ir, queries=[ground_query(g) for g in [*asked, *extra]])
        hooks = competing.hooks(ir, graph, self.sets, contraries.hooks(ir, graph))
        combine, order, readout = hooks if hooks is not None else (disjoin, None, None)
        self.model: CompiledModel = compile_model(
            compiled, graph, limits=limits, combine=combine, extra=order,
            readout=readout, readout_queries=len(asked),
            formulas=[
                *(f for s in self.sets
                  for f in competing.set_formulas(s, competing.decides(s, self.sets))),
                *formulas,
            ],
        )
        self._own_formulas = len(formulas)
        competing.refuse_gaps(self.set_readouts(), self.sets)
        self._index = {q: i for i, q in enumerate(self.model.queries)}
        self._choice_inputs = {(i.rule, i.atom, i.body): i for i in self.model.inputs}

    # -- answers -----------------------------------------------------------

    def answers(self, weights: Mapping[Key, float] | None = None) -> list[QueryResult]:
        """P(question | evidence) of each question, with its readout."""
        return self.model.probabilities(weights)[: len(self.questions)]

    def as_asked(self, answers: Sequence[QueryResult]) -> list[Reply]:
        """``answers`` (of the questions) with, in its place, each written
        query with variables that nothing answers: ``q(X)`` at probability 0."""
        out: list[Reply] = list(answers)
        for position, reply in reversed(self.unanswered):
            out.insert(position, reply)
        return out

    def replies(self, weights: Mapping[Key, float] | None = None) -> list[Reply]:
        """What ``prob`` answers: ``as_asked(answers(weights))``."""
        return self.as_asked(self.answers(weights))

    def matching(self, pattern: IRAtom) -> list[GroundAtom]:
        """The compiled atoms that ``pattern`` matches, sorted by their values."""
        found = [g for g in self.model.queries if matches(pattern, g)]
        return sorted(found, key=text_order)

    def set_readouts(self, weights: Mapping[Key, float] | None = None) -> list[SetReadout]:
        """Each competing set's members, overlap and residual, given the
        evidence and the set's condition (``competing``), in declaration order."""
        values = self.model.formula_probabilities(weights)
        return [SetReadout.of(s, [values[i] for i in block])
                for s, block in zip(self.sets, self.set_formula_indices(), strict=True)]

    def set_formula_indices(self) -> list[range]:
        """For each competing set, the positions of its formulas in
        ``model.formulas`` (``competing.set_formulas`` order: the condition,
        each member ∧ condition, more than one, none): they come first."""
        out: list[range] = []
        start = 0
        for s in self.sets:
            size = len(s.atoms) + 3
            out.append(range(start, start + size))
            start += size
        return out

    def given_gradient(
        self, set_index: int, atom: GroundAtom, weights: Mapping[Key, float] | None = None
    ) -> dict[Input, float]:
        """∂P(atom | condition, evidence)/∂p for every input p, of a member of
        ``sets[set_index]`` (a set ``given c``): with J = P(atom ∧ c | e) and
        C = P(c | e), the quotient rule (J'·C − J·C') / C² on the gradients of
        the set's formulas (``set_formula_indices``). {} where C is 0: then
        P(atom | c) is undefined, as ``SetReadout`` reads it."""
        block = self.set_formula_indices()[set_index]
        joint = block[1 + self.sets[set_index].members.index(atom)]
        values = self.model.formula_probabilities(weights)
        c, j = values[block[0]], values[joint]
        if c <= 0.0:
            return {}
        dc = self.model.formula_gradient(block[0], weights)
        dj = self.model.formula_gradient(joint, weights)
        return {i: (dj[i] * c - j * dc[i]) / (c * c) for i in dj}

    def formula_values(self, weights: Mapping[Key, float] | None = None) -> list[float]:
        """P(formula | evidence) of each of the caller's ``formulas``, in order."""
        values = self.model.formula_probabilities(weights)
        return values[len(values) - self._own_formulas:] if self._own_formulas else []

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
        return {r.atom: r.probability for r in self.answers(weights)}

    def gradient(
        self, atom: GroundAtom, weights: Mapping[Key, float] | None = None
    ) -> dict[Input, float]:
        """∂P(atom | evidence)/∂p for every input p ({} for an underivable atom)."""
        if atom not in self._index:
            return {}
        return self.model.gradient(self._index[atom], weights)

    # -- the graph behind them ---------------------------------------------

    def rivals(self, atom: int) -> list[int]:
        """Every atom that attacks graph atom ``atom``: its contrary and its
        declared ``conflict`` partners, where some rule derives them, and the
        other members (and the condition) of its exclusive set."""
        chosen = self._exclusive.get(atom)
        exclusive = [] if chosen is None else [a for a in chosen.atoms if a != atom] + (
            [] if chosen.condition_atom is None else [chosen.condition_atom]
        )
        pred, values = self.graph.atoms[atom]
        if pred not in self.contest.contested:
            return exclusive
        partners = self.contest.conflicting.get(pred, ())
        found = (self.graph.find((o, values)) for o in partners)
        return [a for a in found if a is not None and self.graph.by_head[a]] + exclusive

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
        """The ground atoms in the cone of the questions and targets."""
        wanted = [*self.questions, *self.targets]
        roots = [a for g in wanted if (a := self.graph.find(g)) is not None]
        return [self.graph.atoms[a] for a in sorted(self.cone(roots))]

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

    def __repr__(self) -> str:
        return (
            f"<Compiled: {len(self.questions)} questions, {len(self.targets)} targets, "
            f"{len(self.model.inputs)} inputs, {len(self.model.circuit)} circuit nodes>"
        )
