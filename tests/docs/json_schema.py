"""The README's JSON schemas, read, and a JSON document held to one.

A schema is written like the JSON it describes, with example values:

* a string, number, ``true``/``false`` or ``null`` stands for any value of
  its type; ``a | b`` for either (alternatives that are all strings are the
  only values allowed: ``"support" | "attack"``);
* an object lists every field the document's object has, no more, no less;
  a list's items are each like one of the schema list's items (``[]``: any);
* ``…`` is anything; a name in capitals is the shape defined by a line
  ``NAME = …`` below the schema (a name defined nowhere is anything);
* text in parentheses outside strings is a comment.

>>> schema = read('{"kind": "rule" | "report", "at": [STEP]}\\nSTEP = {"line": 4 | null}')
>>> problems(schema, {"kind": "rule", "at": [{"line": None}, {"line": 7}]})
[]
>>> problems(schema, {"kind": "fact", "at": [{"line": 7, "file": "f"}]})
["kind: 'fact' is not one of 'rule', 'report'", "at[0]: fields not in the schema: ['file']"]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

TOKEN = re.compile(
    r"""\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<number>-?\d+(?:\.\d+)?)"""
    r"""|(?P<word>null|true|false)|(?P<name>[A-Z][A-Z_]*)|(?P<any>…)"""
    r"""|(?P<mark>[{}\[\]:,|=])|(?P<comment>\([^()]*\)))"""
)


@dataclass(frozen=True)
class Node:
    """One shape: ``kind`` is object, list, either, string, number, boolean,
    null, name or any."""

    kind: str
    fields: dict[str, Node] = field(default_factory=dict)
    items: tuple[Node, ...] = ()
    value: object = None


@dataclass(frozen=True)
class Schema:
    root: Node
    names: dict[str, Node]


def read(text: str) -> Schema:
    """The schema written in ``text``: its shape, then ``NAME = shape`` lines."""
    parser = _Parser(_tokens(text))
    root = parser.shape()
    names: dict[str, Node] = {}
    while not parser.done():
        name = parser.take("name")
        parser.take("mark", "=")
        names[name] = parser.shape()
    return Schema(root, names)


def _tokens(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    position, text = 0, text.rstrip()
    while position < len(text):
        token = TOKEN.match(text, position)
        if token is None or token.lastgroup is None:
            raise ValueError(f"cannot read the schema at {text[position : position + 40]!r}")
        position = token.end()
        if token.lastgroup != "comment":
            found.append((token.lastgroup, token[token.lastgroup]))
    return found


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.index = 0

    def done(self) -> bool:
        return self.index == len(self.tokens)

    def peek(self) -> str:
        return "" if self.done() else self.tokens[self.index][1]

    def take(self, kind: str | None = None, text: str | None = None) -> str:
        if self.done():
            raise ValueError("the schema ends too early")
        found_kind, found = self.tokens[self.index]
        if (kind and found_kind != kind) or (text and found != text):
            raise ValueError(f"expected {text or kind} in the schema, found {found!r}")
        self.index += 1
        return found

    def shape(self) -> Node:
        options = [self.single()]
        while self.peek() == "|":
            self.take()
            options.append(self.single())
        return options[0] if len(options) == 1 else Node("either", items=tuple(options))

    def single(self) -> Node:
        kind, text = self.tokens[self.index]
        self.take()
        if text == "{":
            return self.members("}", object_=True)
        if text == "[":
            return self.members("]", object_=False)
        if kind == "string":
            return Node("string", value=json.loads(text))
        if kind == "word":
            return Node("null" if text == "null" else "boolean")
        if kind in ("number", "name", "any"):
            return Node(kind, value=text)
        raise ValueError(f"unexpected {text!r} in the schema")

    def members(self, end: str, object_: bool) -> Node:
        fields: dict[str, Node] = {}
        items: list[Node] = []
        while self.peek() != end:
            if object_:
                key = json.loads(self.take("string"))
                self.take("mark", ":")
                fields[key] = self.shape()
            else:
                items.append(self.shape())
            if self.peek() == ",":
                self.take()
        self.take("mark", end)
        return Node("object", fields=fields) if object_ else Node("list", items=tuple(items))


def problems(schema: Schema, document: object, where: str = "") -> list[str]:
    """How ``document`` differs from ``schema`` (empty: it is of that shape)."""
    return _problems(schema.root, document, schema.names, where)


def _problems(node: Node, value: object, names: dict[str, Node], where: str) -> list[str]:
    at = where or "the document"
    if node.kind == "any" or (node.kind == "name" and node.value not in names):
        return []
    if node.kind == "name":
        return _problems(names[str(node.value)], value, names, where)
    if node.kind == "either":
        return _either(node, value, names, where)
    if node.kind == "object":
        return _object(node, value, names, where)
    if node.kind == "list":
        return _list(node, value, names, where)
    types = {"string": (str,), "number": (int, float), "boolean": (bool,), "null": (type(None),)}
    is_bool = isinstance(value, bool) and node.kind != "boolean"
    if isinstance(value, types[node.kind]) and not is_bool:
        return []
    return [f"{at}: {value!r} is not a {node.kind}"]


def _either(node: Node, value: object, names: dict[str, Node], where: str) -> list[str]:
    if all(option.kind == "string" for option in node.items):
        allowed = [option.value for option in node.items]
        if value in allowed:
            return []
        return [f"{where}: {value!r} is not one of {', '.join(map(repr, allowed))}"]
    found = [_problems(option, value, names, where) for option in node.items]
    return [] if not all(found) else min(found, key=len)


def _object(node: Node, value: object, names: dict[str, Node], where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where or 'the document'}: {value!r} is not an object"]
    found: list[str] = []
    missing = sorted(set(node.fields) - set(value))
    extra = sorted(set(value) - set(node.fields))
    prefix = f"{where}: " if where else ""
    if missing:
        found.append(f"{prefix}fields the output lacks: {missing}")
    if extra:
        found.append(f"{prefix}fields not in the schema: {extra}")
    for key in [key for key in node.fields if key in value]:
        inner = f"{where}.{key}" if where else key
        found += _problems(node.fields[key], value[key], names, inner)
    return found


def _list(node: Node, value: object, names: dict[str, Node], where: str) -> list[str]:
    if not isinstance(value, list):
        return [f"{where}: {value!r} is not a list"]
    found: list[str] = []
    for index, item in enumerate(value):
        inner = f"{where}[{index}]"
        tried = [_problems(option, item, names, inner) for option in node.items]
        if tried and all(tried):
            found += min(tried, key=len)
    return found
