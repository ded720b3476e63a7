"""Demand-driven grounding: tabled top-down evaluation from the queries.

Some programs are finite only from their queries: ``weather(S, T) :- T > 0,
P is T - 1, weather(S, P).`` has no finite least model, but asked
``weather(sun, 10)`` it needs eleven calls; ``p(X, Y) :- a(X).`` binds no
``Y``, and asked ``p(1, Y)`` it answers ``p(1, X0)``, true of every ``Y``.
ProbLog grounds them so, and so does ``ground``: SLG-style resolution with
variant tabling, ProbLog's meaning.

* A **call** is an atom with the variables it is asked with; its *table*
  (keyed by the canonical atom, ``unify.canonical``) collects its answers,
  each an atom that may keep variables, and for each answer the rule
  instances that derive it: ``(rule, pos, neg)``, the answers used and the
  ground atoms that must fail.
* A table is evaluated by running every clause of its predicate against the
  call, left to right (certain facts from ``IRProgram.facts``, rules with
  their bodies: literals call tables, built-ins run on the bindings so far);
  a table whose answers grow wakes the tables that read it (a worklist,
  until nothing changes), so recursion terminates wherever the calls and
  answers are finite.
* As for ``prob`` bottom-up (possible mode), a negation does not prune: its
  (ground) atom is recorded as one that must fail. ``findall/3`` first
  completes the table of its goal (a lower stratum), then makes one instance
  per world of its uncertain answers (``library.worlds``' meaning).
* A probabilistic rule's instance must be ground (ProbLog's
  NonGroundProbabilisticClause); a flexible probability is computed per
  instance, each value its own rule (``flexible``'s meaning).
* A built-in that needs a bound argument and meets a free one is Prolog's
  instantiation error: ``unsafe_variable`` at the rule.

The result is the ``DerivationGraph`` of every answer of every call, as the
bottom-up grounding would record it, and the program with the rules that
flexible probabilities made. ``max_ground`` bounds the rule instances.

Example::

    >>> from assess.engine.lower import lower
    >>> from assess.syntax.parser import parse
    >>> text = "n(0). n(T) :- T > 0, P is T - 1, n(P). query(n(3))."
    >>> _, graph = ground(lower([parse(text)]))
    >>> sorted(str(a[1][0]) for a in graph.atoms)
    ['0', '1', '2', '3']
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any

from assess.diagnostics import AssessError, error
from assess.engine import prolog, show
from assess.engine.ir import (
    GroundAtom,
    IConst,
    IRAtom,
    IRProgram,
    IRQuery,
    IRRule,
    IStruct,
    ITerm,
    IVar,
    Pred,
    term_vars,
)
from assess.engine.library import FindallRefused
from assess.engine.provenance import FACT, DerivationGraph
from assess.engine.solve import Body, Instance, Key, Solver, Used
from assess.engine.terms import Compound, TermTooDeep, Var
from assess.engine.unify import Ref, Unbound, canonical, fresh, is_ground, resolve


@dataclass
class Table:
    """One call's answers (canonical args -> instances, in order found)."""

    key: Key
    answers: dict[tuple[Any, ...], dict[Instance, None]] = field(default_factory=dict)
    readers: set[Key] = field(default_factory=set)
    complete: bool = False
    size: int = 0
    passes: int = 0
    found_in: set[int] = field(default_factory=set)
    """The evaluations that found new answers: one alone lists them in
    ProbLog's search order (if what it read did too); several, the worklist's."""
    reads: set[Key] = field(default_factory=set)


@dataclass
class _Frame:
    """One run of the worklist: the whole grounding, or a ``findall``'s goal."""

    agenda: deque[Key]
    scope: set[Key] | None
    queued: set[Key] = field(default_factory=set)


class Grounder(Solver):
    """The tables, the worklist and the rules flexible probabilities made."""

    def __init__(self, ir: IRProgram, max_ground: int | None) -> None:
        super().__init__(ir)
        self.tables: dict[Key, Table] = {}
        self.root = _Frame(deque(), None)
        self.frames: list[_Frame] = []
        self.max_ground = max_ground
        self.instances = 0

    # -- tables and the worklist -------------------------------------------------

    def table(self, key: Key, reader: Key | None) -> Table:
        """The table of ``key``, made (and queued) on first use; ``reader``
        is woken when it grows."""
        table = self.tables.get(key)
        frame = self.frames[-1] if self.frames else self.root
        if table is None:
            if self.max_ground is not None and len(self.tables) >= self.max_ground:
                raise AssessError([error(
                    "grounding_too_large", self.running,
                    f"grounding from the queries made more than {self.max_ground} calls "
                    f"(the last {show.atom_text(*key)}): raise --max-ground, or bound the "
                    "recursion",
                )])
            table = self.tables[key] = Table(key)
            if frame.scope is not None:
                frame.scope.add(key)
            self._queue(frame, key)
        elif frame.scope is not None and not table.complete and key not in frame.scope:
            frame.scope.add(key)
            self._queue(frame, key)
        if reader is not None:
            table.readers.add(reader)
            self.tables[reader].reads.add(key)
        return table

    def _queue(self, frame: _Frame, key: Key) -> None:
        if key not in frame.queued:
            frame.queued.add(key)
            frame.agenda.append(key)

    def run(self, frame: _Frame) -> None:
        """Evaluate queued tables until none grows."""
        self.frames.append(frame)
        try:
            while frame.agenda:
                key = frame.agenda.popleft()
                frame.queued.discard(key)
                table = self.tables[key]
                before = table.size
                self._evaluate(table)
                if table.size != before:
                    for reader in table.readers:
                        inner = frame.scope is None or reader in frame.scope
                        self._queue(frame if inner else self.root, reader)
        finally:
            self.frames.pop()

    def complete(self, key: Key) -> Table:
        """The table of ``key`` with all its answers (a ``findall``'s goal)."""
        table = self.table(key, None)
        if not table.complete:
            scope = {key}
            frame = _Frame(deque([key]), scope, {key})
            self.run(frame)
            for member in scope:
                self.tables[member].complete = True
        return table

    def _evaluate(self, table: Table) -> None:
        table.passes += 1
        pred, args = table.key
        for answer in self.facts(pred, args):
            self._add(table, answer, (FACT, (), ()), None)
        if (pred.name, pred.arity) in self.library:  # asked by a query
            call = fresh(args)
            for s in prolog.RELATIONS[pred.name, pred.arity](*call, {}):
                self._add(table, canonical(resolve(t, s) for t in call), (FACT, (), ()), None)
        for rule in self.rules_of(pred):
            for answer, instance in self.clause(rule, fresh(args), table.key):
                self._add(table, answer, instance, rule)

    def _add(self, table: Table, answer: tuple[Any, ...], instance: Instance,
             rule: IRRule | None) -> None:
        found = table.answers.get(answer)
        if found is None:
            found = table.answers[answer] = {}
            table.found_in.add(table.passes)
        if instance not in found:
            found[instance] = None
            table.size += 1
            self.instances += 1
            if self.max_ground is not None and self.instances > self.max_ground:
                raise AssessError([error(
                    "grounding_too_large", rule.span if rule else None,
                    f"grounding from the queries made more than {self.max_ground} rule "
                    "instances (raise --max-ground, or bound the recursion)",
                )])

    # -- what the solver reads ---------------------------------------------------

    def answers(self, key: Key, reader: Key | None) -> list[tuple[Any, ...]]:
        return list(self.table(key, reader).answers)

    def completed(self, key: Key) -> list[tuple[Any, ...]]:
        table = self.complete(key)
        if len(table.answers) > 1 and not self._in_search_order(key, set(), {}):
            raise FindallRefused(
                f"findall/3 reads {key[0]}, whose answers come through recursion: their "
                "order is ProbLog's search order, not reproduced here")
        return list(table.answers)

    def _in_search_order(self, key: Key, path: set[Key], memo: dict[Key, bool]) -> bool:
        """Whether the answers of ``key`` were found in one evaluation, from
        tables whose answers were too (no recursion among them)."""
        if key in memo:
            return memo[key]
        if key in path:
            return False
        path.add(key)
        table = self.tables[key]
        memo[key] = len(table.found_in) <= 1 and all(
            self._in_search_order(k, path, memo) for k in table.reads)
        path.discard(key)
        return memo[key]

    def certain(self, used: Used) -> bool:
        """Whether an answer holds in every world: a certain fact, or a rule
        without weight whose positive body is certain and negates nothing."""
        seen: set[Used] = set()

        def holds(used: Used) -> bool:
            if used in seen:
                return False
            seen.add(used)
            for rule, pos, neg in self.tables[used[0]].answers.get(used[1], {}):
                if rule == FACT:
                    return True
                if not neg and self.rule(rule).probability is None and all(map(holds, pos)):
                    return True
            return False

        return holds(used)

    def together(self, used: Used) -> object:
        """A key equal for two answers exactly when they hold by the same
        choices the same way (rules without weight between, certain answers
        left out): ``findall`` keeps such answers or leaves them out together."""
        memo: dict[Used, object] = {}

        def key(used: Used) -> object:
            if used in memo:
                return memo[used]
            memo[used] = used  # a cycle: only itself
            ways: list[object] = []
            for rule, pos, neg in self.tables[used[0]].answers.get(used[1], {}):
                if rule == FACT or self.rule(rule).probability is not None:
                    ways.append((rule, used, pos, neg))
                else:
                    ways.append((frozenset(key(p) for p in pos if not self.certain(p)),
                                 frozenset(neg)))
            memo[used] = found = frozenset(ways)
            return found

        return key(used)

    # -- the derivation graph ----------------------------------------------------

    def graph(self, first: list[Key]) -> DerivationGraph:
        """Every answer and instance; the tables of ``first`` (the queries')
        first, then in the order they were made. An answer is one node per
        atom, except where two calls derive one atom differently (``==`` on a
        variable: ``f(A) :- A == u.`` asked ``f(A)`` and ``f(u)``): the later
        call's answer is then a node of its own, ``f@N(u)``, as in ProbLog,
        whose nodes are per call."""
        graph = DerivationGraph()
        order = list(dict.fromkeys([*first, *self.tables]))
        owner: dict[GroundAtom, frozenset[Instance]] = {}
        node: dict[Used, int] = {}
        for n, key in enumerate(order):
            pred = key[0]
            for answer, instances in self.tables[key].answers.items():
                atom: GroundAtom = (pred, answer)
                made = frozenset(instances)
                if owner.setdefault(atom, made) != made:
                    atom = (replace(pred, name=f"{pred.name}@{n}"), answer)
                node[(key, answer)] = graph.atom(atom)
        for key in order:
            for answer, instances in self.tables[key].answers.items():
                head = node[(key, answer)]
                for rule, pos, neg in instances:
                    graph.derivation(head, rule, tuple(node[p] for p in pos),
                                     tuple(node[n] for n in neg if n in node))
        return graph


QUERY = Pred("query", 1)
"""ProbLog's ``query(p(X)) :- a(X).``: a clause of ``query/1`` whose answers
are the atoms asked."""


def bottom_up_only(ir: IRProgram, reading: str) -> None:
    """Refuse clauses of ``query/1`` in a reading that grounds bottom-up:
    only ``prob`` finds the queries they make (``ground``)."""
    for rule in ir.rules:
        if rule.head.pred == QUERY:
            raise AssessError([error(
                "unsupported_query_body", rule.span,
                f"a query with a body is answered by the prob reading only, not by {reading}",
            )])


def _asked(grounder: Grounder) -> list[IRQuery]:
    """The queries the clauses of ``query/1`` make, in the order found."""
    if not grounder.rules_of(QUERY):
        return []
    out = []
    for (term,) in grounder.completed((QUERY, (Var(0),))):
        if isinstance(term, Compound):
            out.append(IRQuery(IRAtom(Pred(term.name, len(term.args)),
                                      tuple(_iterm(a) for a in term.args))))
        elif isinstance(term, str):
            out.append(IRQuery(IRAtom(Pred(term, 0), ())))
    return out


def _iterm(term: Any) -> ITerm:
    if isinstance(term, Var):
        return IVar(term.n)
    if isinstance(term, Compound) and not is_ground(term.args):
        return IStruct(term.name, tuple(_iterm(a) for a in term.args))
    return IConst(term)


def needed(ir: IRProgram) -> bool:
    """Whether only demand-driven grounding answers ``ir``: it has clauses of
    ``query/1``, or asks about a library predicate it does not define."""
    defined = {p for p in ir.facts} | {r.head.pred for r in ir.rules}
    asked = {q.atom.pred for q in ir.queries} | {e.atom.pred for e in ir.evidence}
    return QUERY in defined or any(
        (p.name, p.arity) in prolog.RELATIONS and p not in defined for p in asked)


def _width(atom: IRAtom) -> int:
    """How many variables a query's atom numbers."""
    return 1 + max((v for t in atom.args for v in term_vars(t)), default=-1)


def _roots(ir: IRProgram) -> list[IRAtom]:
    return [q.atom for q in ir.queries] + [e.atom for e in ir.evidence]


def ground(ir: IRProgram, max_ground: int | None = None) -> tuple[IRProgram, DerivationGraph]:
    """The derivation graph of every call the queries and evidence make, and
    ``ir`` with the rules its flexible probabilities made (module docstring)."""
    grounder = Grounder(ir, max_ground)
    try:
        ir = replace(ir, queries=[*ir.queries, *_asked(grounder)])
        for atom in _roots(ir):
            refs = [Ref() for _ in range(_width(atom))]
            grounder.table((atom.pred, canonical(Body.term(t, refs) for t in atom.args)), None)
        grounder.run(grounder.root)
    except FindallRefused as exc:
        raise AssessError([error("unsupported_findall", grounder.running, str(exc))]) from None
    except TermTooDeep as exc:
        raise AssessError([error("term_too_deep", grounder.running, str(exc))]) from None
    except Unbound as exc:
        raise AssessError([error("unsafe_variable", grounder.running, str(exc))]) from None
    except (ArithmeticError, TypeError, ValueError) as exc:
        raise AssessError([error(
            "arithmetic_error", grounder.running, f"arithmetic or comparison failed: {exc}",
        )]) from None
    first = _check_answers(ir, grounder)
    program = replace(ir, rules=grounder.all_rules())
    return program, grounder.graph(first)


def _check_answers(ir: IRProgram, grounder: Grounder) -> list[Key]:
    """The queries' calls; a query's answer with a variable left must be
    certain (ProbLog's NonGroundQuery)."""
    keys: list[Key] = []
    for query in ir.queries:
        atom = query.atom
        refs = [Ref() for _ in range(_width(atom))]
        key: Key = (atom.pred, canonical(Body.term(t, refs) for t in atom.args))
        keys.append(key)
        for answer in grounder.tables[key].answers:
            if not is_ground(answer) and not grounder.certain((key, answer)):
                raise AssessError([error(
                    "nonground_query", query.origin.span if query.origin else None,
                    f"the answer {show.atom_text(atom.pred, answer)} keeps a variable and is "
                    "uncertain: ask for its instances (ProbLog: NonGroundQuery)",
                )])
    return keys
