"""A small TextMate tokenizer, to test editors/assess.tmLanguage.json.

It reads a grammar as VS Code's tokenizer (vscode-textmate) does, for the
rules this grammar uses: ``match`` with ``name`` and ``captures``,
``begin``/``end`` with ``name``, ``beginCaptures``, ``endCaptures`` and
``patterns``, and ``include`` of ``#repository`` entries and ``$self``.
Lines are tokenized one at a time, a stack of open ``begin`` rules carried
from one line to the next. At each position the rule whose regex matches
leftmost wins, the earlier rule on a tie, and the open rule's ``end``
before its patterns. Regexes run on Oniguruma itself (``onigurumacffi``),
the engine editors use, so what passes here highlights there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import onigurumacffi


@dataclass(frozen=True)
class Token:
    text: str
    scopes: tuple[str, ...]


@dataclass
class _Rule:
    raw: dict[str, Any]
    regex: Any = None
    end: Any = None

    @property
    def name(self) -> str | None:
        return self.raw.get("name")


class Grammar:
    """A TextMate grammar, ready to tokenize."""

    def __init__(self, path: Path) -> None:
        self.raw = json.loads(path.read_text(encoding="utf-8"))
        self.scope = self.raw["scopeName"]
        self._compiled: dict[int, _Rule] = {}

    def regexes(self) -> list[str]:
        """Every regex of the grammar."""
        found: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for key in ("match", "begin", "end"):
                    if key in node:
                        found.append(node[key])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.raw)
        return found

    def _rule(self, raw: dict[str, Any]) -> _Rule:
        kept = self._compiled.get(id(raw))
        if kept is None:
            kept = _Rule(raw)
            if "match" in raw:
                kept.regex = onigurumacffi.compile(raw["match"])
            elif "begin" in raw:
                kept.regex = onigurumacffi.compile(raw["begin"])
                kept.end = onigurumacffi.compile(raw["end"])
            self._compiled[id(raw)] = kept
        return kept

    def _patterns(self, patterns: list[dict[str, Any]]) -> list[_Rule]:
        """The rules of ``patterns``, includes expanded in place."""
        rules: list[_Rule] = []
        for raw in patterns:
            if "include" in raw:
                target = raw["include"]
                if target == "$self":
                    rules += self._patterns(self.raw["patterns"])
                else:
                    assert target.startswith("#"), target
                    entry = self.raw["repository"][target[1:]]
                    rules += self._patterns(entry["patterns"]) if "patterns" in entry and (
                        "match" not in entry and "begin" not in entry) else [self._rule(entry)]
            else:
                rules.append(self._rule(raw))
        return rules

    def tokenize(self, text: str) -> list[list[Token]]:
        """The tokens of each line of ``text``."""
        stack: list[_Rule] = []
        return [self._line(line, stack) for line in text.split("\n")]

    def _line(self, line: str, stack: list[_Rule]) -> list[Token]:
        tokens: list[Token] = []
        position = 0
        while position <= len(line):
            scopes = (self.scope, *self._names(stack))
            top = stack[-1] if stack else None
            rules = self._patterns(top.raw.get("patterns", []) if top else self.raw["patterns"])
            best: tuple[int, int, _Rule | None, Any] | None = None
            if top is not None:
                found = top.end.search(line, position)
                if found is not None:
                    best = (found.start(), -1, None, found)
            for order, rule in enumerate(rules):
                found = rule.regex.search(line, position)
                if found is not None and (best is None or found.start() < best[0]):
                    best = (found.start(), order, rule, found)
            if best is None:
                if position < len(line):
                    tokens.append(Token(line[position:], scopes))
                break
            start, _, rule, found = best
            if start > position:
                tokens.append(Token(line[position:start], scopes))
            if rule is None:  # the open rule ends
                assert top is not None
                tokens += self._captured(line, found, top.raw.get("endCaptures", {}), scopes)
                stack.pop()
            elif rule.end is not None:  # a rule begins
                inner = (*scopes, *([rule.name] if rule.name else []))
                tokens += self._captured(line, found, rule.raw.get("beginCaptures", {}), inner)
                stack.append(rule)
            else:
                inner = (*scopes, *([rule.name] if rule.name else []))
                tokens += self._captured(line, found, rule.raw.get("captures", {}), inner)
            if found.end() == position and rule is not None and rule.end is None:
                if position < len(line):
                    tokens.append(Token(line[position], scopes))
                position += 1
            else:
                position = found.end()
            if position >= len(line):
                break
        return [t for t in tokens if t.text]

    @staticmethod
    def _names(stack: list[_Rule]) -> list[str]:
        return [rule.name for rule in stack if rule.name]

    @staticmethod
    def _captured(
        line: str, found: Any, captures: dict[str, Any], scopes: tuple[str, ...]
    ) -> list[Token]:
        """The matched text, its captured groups with their own scope."""
        start, end = found.start(), found.end()
        pieces: list[Token] = []
        cursor = start
        for group in sorted(int(k) for k in captures if k != "0"):
            try:
                group_start, group_end = found.span(group)
            except (IndexError, ValueError):
                continue
            if group_start < 0 or group_start < cursor:
                continue
            pieces.append(Token(line[cursor:group_start], scopes))
            name = captures[str(group)].get("name")
            pieces.append(Token(line[group_start:group_end], (*scopes, *([name] if name else []))))
            cursor = group_end
        whole = captures.get("0", {}).get("name")
        tail = (*scopes, whole) if whole else scopes
        if cursor == start and whole:
            return [Token(line[start:end], tail)]
        pieces.append(Token(line[cursor:end], scopes))
        return pieces
