"""editors/assess.tmLanguage.json highlights every program of the repository.

Every ``.assess`` file is tokenized (``textmate``, on Oniguruma): no part of
any is scoped ``invalid`` (the grammar's catch-all for a character no rule
knows, and for an unclosed string), and no character but white space is
left without a scope. What each kind of token is scoped as is checked on
written lines and on the flagship; and text the grammar must refuse is
marked ``invalid``. Lines of the ProbLog fragment others add to the
language (``<-``, ``->``, compound terms, lists) must highlight too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textmate import Grammar, Token

REPO = Path(__file__).resolve().parents[2]
EDITORS = REPO / "editors"
GRAMMAR = Grammar(EDITORS / "assess.tmLanguage.json")


def programs() -> list[Path]:
    return sorted(
        p for p in REPO.rglob("*.assess")
        if not any(part.startswith(".") or part == "node_modules" for part in
                   p.relative_to(REPO).parts)
    )


def tokens(text: str) -> list[Token]:
    return [t for line in GRAMMAR.tokenize(text) for t in line]


def scoped(text: str) -> list[tuple[str, str]]:
    """Each token's text with its innermost scope ('' for none)."""
    return [(t.text, t.scopes[-1] if len(t.scopes) > 1 else "") for t in tokens(text)
            if t.text.strip()]


def faults(text: str) -> list[str]:
    return [
        f"{t.text!r}: {' '.join(t.scopes)}"
        for t in tokens(text)
        if any(s.startswith("invalid") for s in t.scopes)
        or (t.text.strip() and len(t.scopes) == 1)
    ]


def test_the_repository_has_programs_to_highlight() -> None:
    found = {p.relative_to(REPO).as_posix() for p in programs()}
    assert "rulesets/belarus_2022.assess" in found
    assert len(found) > 20


@pytest.mark.parametrize("path", programs(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_program_highlights_without_invalid_regions(path: Path) -> None:
    assert faults(path.read_text(encoding="utf-8")) == []


def test_each_kind_of_token_gets_its_scope() -> None:
    line = "[force] 0.7::attack(X) :- troops(N), N >= 10000, \\+ ~calm, X is N * 2. % why"
    assert scoped(line) == [
        ("[", "punctuation.definition.label.begin.assess"),
        ("force", "entity.name.label.assess"),
        ("]", "punctuation.definition.label.end.assess"),
        ("0.7", "constant.numeric.probability.assess"),
        ("::", "keyword.operator.probability.assess"),
        ("attack", "entity.name.function.assess"),
        ("(", "punctuation.section.brackets.assess"),
        ("X", "variable.parameter.assess"),
        (")", "punctuation.section.brackets.assess"),
        (":-", "keyword.operator.neck.assess"),
        ("troops", "entity.name.function.assess"),
        ("(", "punctuation.section.brackets.assess"),
        ("N", "variable.parameter.assess"),
        (")", "punctuation.section.brackets.assess"),
        (",", "punctuation.separator.comma.assess"),
        ("N", "variable.parameter.assess"),
        (">=", "keyword.operator.comparison.assess"),
        ("10000", "constant.numeric.assess"),
        (",", "punctuation.separator.comma.assess"),
        ("\\+", "keyword.operator.negation.assess"),
        ("~", "keyword.operator.contrary.assess"),
        ("calm", "constant.other.symbol.assess"),
        (",", "punctuation.separator.comma.assess"),
        ("X", "variable.parameter.assess"),
        ("is", "keyword.operator.word.assess"),
        ("N", "variable.parameter.assess"),
        ("*", "keyword.operator.arithmetic.assess"),
        ("2", "constant.numeric.assess"),
        (".", "punctuation.terminator.assess"),
        ("% why", "comment.line.percentage.assess"),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ('source isw "ISW" reliability B derived_from x.', [
        ("source", "storage.type.source.assess"), ("isw", "entity.name.type.source.assess"),
        ('"ISW"', "string.quoted.double.assess"),
        ("reliability", "keyword.other.reliability.assess"),
        ("B", "constant.language.reliability.assess"), ("derived_from", "keyword.other.assess"),
        ("x", "constant.other.symbol.assess"), (".", "punctuation.terminator.assess")]),
    ('report troops(12500) by isw credibility 2 on 2022-12-15 "a \\"b\\"".', [
        ("report", "keyword.control.report.assess"), ("troops", "entity.name.function.assess"),
        ("(", "punctuation.section.brackets.assess"), ("12500", "constant.numeric.assess"),
        (")", "punctuation.section.brackets.assess"),
        ("by", "keyword.other.source-reference.assess"), ("isw", "variable.other.source.assess"),
        ("credibility", "keyword.other.credibility.assess"),
        ("2", "constant.numeric.credibility.assess"), ("on", "keyword.other.on.assess"),
        ("2022-12-15", "constant.other.date.assess"),
        ('"a \\"b\\""', "string.quoted.double.assess"), (".", "punctuation.terminator.assess")]),
    ("hypothesis h(x) \"H\".", [
        ("hypothesis", "storage.type.declaration.assess"),
        ("h", "entity.name.function.declaration.assess"),
        ("(", "punctuation.section.brackets.assess"), ("x", "constant.other.symbol.assess"),
        (")", "punctuation.section.brackets.assess"), ('"H"', "string.quoted.double.assess"),
        (".", "punctuation.terminator.assess")]),
    ("expect h is very unlikely.", [
        ("expect", "keyword.control.expect.assess"), ("h", "constant.other.symbol.assess"),
        ("is", "keyword.operator.word.assess"),
        ("very unlikely", "constant.language.estimate.assess"),
        (".", "punctuation.terminator.assess")]),
    ("grade B2 = 0.7.", [
        ("grade", "keyword.control.grade.assess"), ("B2", "constant.language.grade.assess"),
        ("=", "keyword.operator.comparison.assess"), ("0.7", "constant.numeric.assess"),
        (".", "punctuation.terminator.assess")]),
    ("query(~h). [a] > [b].", [
        ("query", "keyword.control.query.assess"), ("(", "punctuation.section.brackets.assess"),
        ("~", "keyword.operator.contrary.assess"), ("h", "constant.other.symbol.assess"),
        (")", "punctuation.section.brackets.assess"), (".", "punctuation.terminator.assess"),
        ("[", "punctuation.definition.label.begin.assess"), ("a", "entity.name.label.assess"),
        ("]", "punctuation.definition.label.end.assess"),
        (">", "keyword.operator.comparison.assess"),
        ("[", "punctuation.definition.label.begin.assess"), ("b", "entity.name.label.assess"),
        ("]", "punctuation.definition.label.end.assess"), (".", "punctuation.terminator.assess")]),
])
def test_declarations_and_statements_get_their_scopes(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert scoped(text) == expected


def test_a_block_comment_spans_lines() -> None:
    lines = GRAMMAR.tokenize("/* one\ntwo */ p.")
    assert all("comment.block.assess" in t.scopes for t in lines[0])
    assert lines[1][0].text == "two " and "comment.block.assess" in lines[1][0].scopes
    assert [t.text for t in lines[1] if "comment.block.assess" not in t.scopes] == [" ", "p", "."]


def test_the_flagship_has_every_kind_of_token() -> None:
    text = (REPO / "rulesets" / "belarus_2022.assess").read_text(encoding="utf-8")
    kinds = {scope for t in tokens(text) for scope in t.scopes}
    for wanted in ("comment.line.percentage.assess", "comment.block.assess",
                   "storage.type.source.assess", "storage.type.declaration.assess",
                   "storage.type.competing.assess", "string.quoted.double.assess",
                   "constant.numeric.probability.assess", "keyword.operator.neck.assess",
                   "entity.name.label.assess", "entity.name.function.assess",
                   "variable.parameter.assess"):
        assert wanted in kinds, wanted


@pytest.mark.parametrize("line", [
    "0.3::a; 0.7::b <- c.",
    "p(f(X, g(Y)), [a, b | T]) :- q(X) -> r(Y) ; s.",
    "length([], 0). length([_|T], N) :- length(T, M), N is M + 1.",
    "competing exclusive timing: now, later.",
    "X = Y, X \\== Z, X =:= 2 ** 3 // 2 mod 2.",
])
def test_the_problog_fragment_highlights_without_faults(line: str) -> None:
    assert faults(line) == []


@pytest.mark.parametrize(("text", "fault"), [
    ('report x by s credibility 2 "no end.', '"no end.'),
    ("p :- q @ r.", "@"),
    ("p :- 'open", "'open"),
    ("p(x) :- q(x) !", "!"),
])
def test_what_no_rule_knows_is_invalid(text: str, fault: str) -> None:
    marked = [t.text for t in tokens(text) if any(s.startswith("invalid") for s in t.scopes)]
    assert marked == [fault]


def test_every_regex_is_in_the_common_subset_of_oniguruma_and_python() -> None:
    for regex in GRAMMAR.regexes():
        re.compile(regex)
    assert GRAMMAR.regexes()


def test_the_vscode_extension_names_files_that_exist() -> None:
    folder = EDITORS / "vscode"
    package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    contributes = package["contributes"]
    assert [lang["id"] for lang in contributes["languages"]] == ["assess"]
    assert contributes["languages"][0]["extensions"] == [".assess"]
    grammar = contributes["grammars"][0]
    assert grammar["scopeName"] == GRAMMAR.scope
    assert (folder / grammar["path"]).resolve() == (EDITORS / "assess.tmLanguage.json").resolve()
    assert (folder / contributes["languages"][0]["configuration"]).is_file()
    assert (folder / package["main"]).is_file()
