"""A plain semi-naive Datalog loop in Python: the floor for a Python engine.

Usage: ``python bench/seminaive.py PROGRAM TARGET`` prints every fact of
TARGET, sorted. Reads the workloads of ``workloads.py``: integer facts one
per line, then rules ``h(X,Y) :- a(X,Z), b(Z,Y), not c(X,Y).`` (variables
only, negation on predicates that earlier rules finish). Each head
predicate is run to its fixpoint in the order the rules come, a recursive
body literal read from the last round's new facts, joins through hash
indexes on the bound positions.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict

Row = tuple[int, ...]
ATOM = re.compile(r"(not\s+)?([a-z]\w*)\(([^()]*)\)")


def read(text: str) -> tuple[dict[str, set[Row]], list[tuple[str, list[str], list[tuple[bool, str, list[str]]]]]]:
    facts: dict[str, set[Row]] = defaultdict(set)
    rules = []
    for line in text.splitlines():
        if ":-" in line:
            head, body = line.split(":-")
            _, name, head_args = ATOM.match(head.strip()).groups()  # type: ignore[union-attr]
            literals = [(bool(neg), pred, [a.strip() for a in args.split(",")])
                        for neg, pred, args in ATOM.findall(body)]
            rules.append((name, [a.strip() for a in head_args.split(",")], literals))
        elif line.strip():
            m = ATOM.match(line.strip())
            assert m is not None
            facts[m[2]].add(tuple(int(v) for v in m[3].split(",")))
    return facts, rules


def solve(head: list[str], body: list[tuple[bool, str, list[str]]],
          rel: dict[str, set[Row]], delta_at: int, delta: set[Row]) -> set[Row]:
    bindings: list[dict[str, int]] = [{}]
    for i, (negated, pred, args) in enumerate(body):
        rows = delta if i == delta_at else rel[pred]
        if negated:
            bindings = [b for b in bindings if tuple(b[a] for a in args) not in rows]
            continue
        if not bindings:
            return set()
        bound = [k for k, a in enumerate(args) if a in bindings[0]]
        index: dict[Row, list[Row]] = defaultdict(list)
        for row in rows:
            index[tuple(row[k] for k in bound)].append(row)
        bindings = [
            {**b, **{a: row[k] for k, a in enumerate(args)}}
            for b in bindings for row in index.get(tuple(b[args[k]] for k in bound), ())
        ]
    return {tuple(b[a] for a in head) for b in bindings}


def evaluate(facts: dict[str, set[Row]], rules: list) -> dict[str, set[Row]]:  # type: ignore[type-arg]
    rel: dict[str, set[Row]] = defaultdict(set, facts)
    for pred in dict.fromkeys(r[0] for r in rules):
        mine = [r for r in rules if r[0] == pred]
        new: set[Row] = set()
        for _, head, body in mine:
            if all(p != pred for _, p, _ in body):
                new |= solve(head, body, rel, -1, set())
        delta = new - rel[pred]
        rel[pred] |= delta
        while delta:
            found: set[Row] = set()
            for _, head, body in mine:
                for i, (negated, p, _) in enumerate(body):
                    if p == pred and not negated:
                        found |= solve(head, body, rel, i, delta)
            delta = found - rel[pred]
            rel[pred] |= delta
    return rel


if __name__ == "__main__":
    facts, rules = read(open(sys.argv[1]).read())
    target = sys.argv[2]
    rows = sorted(evaluate(facts, rules)[target])
    sys.stdout.write("".join(f"{target}({','.join(map(str, r))}).\n" for r in rows))
