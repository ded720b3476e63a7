"""``assess lsp`` spoken to over its protocol, as an editor speaks to it.

The server runs as ``python -m assess lsp`` in a subprocess
(``lsp_client``). On the flagship (a copy of the ruleset and its evidence,
so that rename and formatting can be applied and the result checked):
diagnostics equal ``assess check``'s codes and places, hover shows the
reading ``assess run`` gives, definitions, references and rename follow
predicates, labels and sources across the ruleset and its evidence,
formatting gives ``assess fmt``'s text, completion offers declared names.
On broken input (a half-typed file, an empty one, garbage) every request
is answered and the server stays up.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsp_client import REPO, Client, uri

import assess
from assess.lsp.hover import escape
from assess.syntax.printer import format_source

FLAGSHIP = ("rulesets/belarus_2022.assess", "examples/belarus_2022/as_of_article.assess",
            "examples/belarus_2022/massing.assess", "examples/belarus_2022/drawdown.assess")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("flagship")
    for name in FLAGSHIP:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    return root


@pytest.fixture(scope="module")
def client(project: Path) -> Iterator[Client]:
    running = Client(project)
    yield running
    assert running.close() == 0


def rules(project: Path) -> Path:
    return project / FLAGSHIP[0]


def evidence(project: Path) -> Path:
    return project / FLAGSHIP[1]


def find(path: Path, needle: str, nth: int = 0) -> tuple[int, int]:
    """0-based line and column of the ``nth`` line holding ``needle``."""
    hits = [
        (number, line.index(needle))
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"))
        if needle in line
    ]
    return hits[nth]


def check_json(*paths: Path) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "assess", "check", "--format", "json", *map(str, paths)],
        capture_output=True, text=True, env={"PYTHONPATH": str(REPO), "PATH": ""},
        check=False,
    )
    document = json.loads(done.stdout)
    if isinstance(document, dict):  # the findings inside a document about the command
        document = next(v for v in document.values() if isinstance(v, list) and all(
            isinstance(f, dict) and "code" in f for f in v))
    assert isinstance(document, list)
    return document


def written(path: Path, name: str) -> int:
    """How often ``name`` is written in ``path`` outside comments and strings."""
    text = path.read_text(encoding="utf-8")
    code = re.sub(r'/\*.*?\*/|%[^\n]*|"(?:[^"\\\n]|\\.)*"', " ", text, flags=re.S)
    return len(re.findall(rf"(?<![A-Za-z0-9_]){name}(?![A-Za-z0-9_])", code))


def places(found: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    return sorted((d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"])
                  for d in found)


def apply(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` with the protocol's ``edits`` applied (ASCII text: columns are characters)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(position: dict[str, int]) -> int:
        line = position["line"]
        return min(len(text), offsets[line] + position["character"]) if line < len(
            lines) else len(text)

    for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


# ---- the server ----------------------------------------------------------------


def test_the_server_offers_every_feature(client: Client) -> None:
    capabilities = client.initialized["capabilities"]
    for feature in ("hoverProvider", "definitionProvider", "referencesProvider",
                    "renameProvider", "documentFormattingProvider", "completionProvider"):
        assert capabilities.get(feature), feature
    assert capabilities["renameProvider"] == {"prepareProvider": True}
    assert client.initialized["serverInfo"]["name"] == "assess"


def test_other_commands_do_not_import_the_server_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, assess.cli; print('pygls' in sys.modules)"],
        capture_output=True, text=True, env={"PYTHONPATH": str(REPO)}, check=True,
    )
    assert done.stdout.strip() == "False"


def test_without_pygls_the_command_says_what_to_install() -> None:
    script = "import sys; sys.modules['pygls'] = None; from assess.cli import main; main(['lsp'])"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={"PYTHONPATH": str(REPO)}, check=False)
    assert done.returncode == 2
    assert "error[pygls_missing]" in done.stderr and "assess[lsp]" in done.stderr
    assert "Traceback" not in done.stderr


# ---- diagnostics ------------------------------------------------------------------


def test_a_clean_flagship_has_no_diagnostics(client: Client, project: Path) -> None:
    assert client.diagnostics(client.open(rules(project))) == []
    # The ruleset's own warnings are the ruleset's; the evidence shows its own only.
    assert client.diagnostics(client.open(evidence(project))) == []


def test_diagnostics_are_what_check_reports(client: Client, project: Path) -> None:
    broken = project / "examples" / "belarus_2022" / "typo.assess"
    broken.write_text(
        "% check with: ../../rulesets/belarus_2022.assess\n"
        "report troops_in_belarus(12500) by pentagn credibility 2.\n"
        "report troops_in_belarus by pentagon credibility 2.\n"
        "report imminent_atack by isw credibility 9.\n"
        "p(X) :- q(Y).\n",
        encoding="utf-8",
    )
    document = client.open(broken)
    try:
        found = client.diagnostics(document)
        expected = [
            (d["code"], d["line"] - 1, d["column"] - 1)
            for d in check_json(rules(project), broken)
            if Path(d["file"]).resolve() == broken.resolve()
        ]
        assert places(found) == sorted(expected)
        assert {d["code"] for d in found} >= {"unknown_source", "arity_mismatch"}
        assert all(d["source"] == "assess" for d in found)
        unknown = next(d for d in found if d["code"] == "unknown_source")
        assert "did you mean pentagon" in unknown["message"]
        assert unknown["severity"] == 1
        text = hover_text(client, document, 1, 10)
        assert "no reading: " in text and "typo.assess" in text
    finally:
        client.close_document(document)
        broken.unlink()


def test_columns_are_counted_as_the_client_counts_them(client: Client, project: Path) -> None:
    """UTF-16 code units by default: an emoji before a name counts two."""
    since = client.mark()
    document = client.open(project / "wide.assess", "/* \U0001F600 */ p :- q.\n")
    found = client.diagnostics(document, 1, since)
    assert [(d["code"], d["range"]["start"]["character"], d["range"]["end"]["character"])
            for d in found] == [("undefined_predicate", 14, 15)]
    answer = client.request("textDocument/references", {
        **client.at(document, 0, 14), "context": {"includeDeclaration": True}})
    assert [(r["range"]["start"]["character"], r["range"]["end"]["character"])
            for r in answer] == [(14, 15)]
    client.close_document(document)


def test_diagnostics_follow_typing(client: Client, project: Path) -> None:
    document = client.open(evidence(project))
    text = evidence(project).read_text(encoding="utf-8")
    half = text + "report troops_in_belarus(1) by "
    version = client.change(document, half)
    found = client.diagnostics(document, version)
    assert [d["code"] for d in found] == ["syntax_error"]
    assert found[0]["range"]["start"]["line"] == half.count("\n")
    version = client.change(document, text + "report troops_in_belarus(1) by pentagon cr")
    assert [d["code"] for d in client.diagnostics(document, version)] == ["syntax_error"]
    version = client.change(document, text)
    assert client.diagnostics(document, version) == []


def test_a_ruleset_edit_shows_in_the_evidence_read_with_it(client: Client, project: Path) -> None:
    ruleset, document = client.open(rules(project)), client.open(evidence(project))
    text = rules(project).read_text(encoding="utf-8")
    line, _ = find(rules(project), "source pentagon ")
    lines = text.split("\n")
    del lines[line]
    since = client.mark()
    client.change(ruleset, "\n".join(lines))
    try:
        found = client.diagnostics(document, since=since, until=lambda found: any(
            d["code"] == "unknown_source" for d in found))
        assert {d["code"] for d in found} == {"unknown_source"}
    finally:
        version = client.change(ruleset, text)
        assert client.diagnostics(ruleset, version) == []


# ---- hover -------------------------------------------------------------------------


def hover_text(client: Client, document: str, line: int, column: int) -> str:
    answer = client.request("textDocument/hover", client.at(document, line, column))
    assert answer is not None
    assert answer["contents"]["kind"] == "markdown"
    return str(answer["contents"]["value"])


def test_hover_on_a_hypothesis_shows_its_judgement(client: Client, project: Path) -> None:
    client.open(evidence(project))
    document = client.open(rules(project))
    line, column = find(rules(project), "hypothesis imminent_attack")
    text = hover_text(client, document, line, column + len("hypothesis "))
    judged = assess.load(str(rules(project)), str(evidence(project))).assess()
    j = judged.judgement("imminent_attack")
    assert "Read with belarus\\_2022.assess, as\\_of\\_article.assess" in text
    assert f"**{j.phrase}" in text and f"rank {j.rank} in `timing`" in text
    assert j.support is not None and j.against is not None
    assert escape(f"For: [{j.support.label}]") in text
    assert escape(f"Against: [{j.against.label}]") in text
    assert "Confidence is" in text


def test_hover_on_a_reported_atom_shows_its_probability(client: Client, project: Path) -> None:
    document = client.open(evidence(project))
    line, column = find(evidence(project), "report troops_in_belarus(12500)")
    text = hover_text(client, document, line, column + len("report "))
    why = assess.load(str(rules(project)), str(evidence(project))).why("troops_in_belarus(12500)")
    assert "**indicator** `troops_in_belarus(count)`" in text
    assert f"`troops_in_belarus(12500)`: **{why.term}" in text
    assert "The report that adds most" in text


def test_hover_on_a_source_and_a_label(client: Client, project: Path) -> None:
    document = client.open(evidence(project))
    line, column = find(evidence(project), " by pentagon ")
    text = hover_text(client, document, line, column + len(" by "))
    assert text.startswith("**source** `pentagon` — Brig. Gen. Pat Ryder")
    assert "reliability B" in text
    ruleset = client.open(rules(project))
    line, column = find(rules(project), "[delegation] > [readout_economic]")
    text = hover_text(client, ruleset, line, column + 1)
    assert text.startswith("**rule** `[delegation]` (belarus\\_2022.assess:")
    assert "```\n[delegation] " in text


# ---- names ---------------------------------------------------------------------------


def locations(found: list[dict[str, Any]] | None) -> list[tuple[str, int, int, str]]:
    """Each location's file name, 0-based line and column, and the text there."""
    out = []
    for location in found or []:
        path = Path(location["uri"].removeprefix("file://"))
        start, end = location["range"]["start"], location["range"]["end"]
        line = path.read_text(encoding="utf-8").split("\n")[start["line"]]
        out.append((path.name, start["line"], start["character"],
                    line[start["character"]: end["character"]]))
    return sorted(out)


def test_definition_of_a_reported_indicator_is_its_declaration(
    client: Client, project: Path
) -> None:
    document = client.open(evidence(project))
    line, column = find(evidence(project), "report troops_in_belarus(12500)")
    found = client.request("textDocument/definition", client.at(document, line, column + 8))
    declared, _ = find(rules(project), "indicator troops_in_belarus(")
    assert locations(found) == [("belarus_2022.assess", declared, 10, "troops_in_belarus")]


def test_definition_of_a_source_and_of_a_label(client: Client, project: Path) -> None:
    document = client.open(evidence(project))
    line, column = find(evidence(project), " by pentagon ")
    found = client.request("textDocument/definition", client.at(document, line, column + 5))
    declared, _ = find(rules(project), "source pentagon ")
    assert locations(found) == [("belarus_2022.assess", declared, 7, "pentagon")]
    ruleset = client.open(rules(project))
    line, column = find(rules(project), "[delegation] > [readout_economic]")
    found = client.request("textDocument/definition", client.at(ruleset, line, column + 17))
    labelled, _ = find(rules(project), "[readout_economic] ")
    assert locations(found) == [("belarus_2022.assess", labelled, 1, "readout_economic")]


def test_references_of_a_source_span_the_ruleset_and_its_evidence(
    client: Client, project: Path
) -> None:
    document = client.open(rules(project))
    line, column = find(rules(project), "source pentagon ")
    found = locations(client.request("textDocument/references", {
        **client.at(document, line, column + 8), "context": {"includeDeclaration": True}}))
    assert {text for *_, text in found} == {"pentagon"}
    files = {name for name, *_ in found}
    assert files == {"belarus_2022.assess", "as_of_article.assess", "massing.assess",
                     "drawdown.assess"}
    assert len(found) == sum(written(project / name, "pentagon") for name in FLAGSHIP)
    without = client.request("textDocument/references", {
        **client.at(document, line, column + 8), "context": {"includeDeclaration": False}})
    assert len(without) == len(found) - 1


def test_references_of_a_predicate(client: Client, project: Path) -> None:
    document = client.open(rules(project))
    line, column = find(rules(project), "hypothesis imminent_attack")
    found = locations(client.request("textDocument/references", {
        **client.at(document, line, column + 11), "context": {"includeDeclaration": True}}))
    assert {text for *_, text in found} == {"imminent_attack"}
    assert ("belarus_2022.assess", line, 11, "imminent_attack") in found
    competing, _ = find(rules(project), "competing timing exclusive:")
    assert any(n == competing for _, n, _, _ in found)
    assert len(found) == sum(written(project / name, "imminent_attack") for name in FLAGSHIP)


def test_rename_a_source_everywhere_and_the_reading_stays(
    client: Client, project: Path, tmp_path: Path
) -> None:
    document = client.open(rules(project))
    line, column = find(rules(project), "source pentagon ")
    prepared = client.request("textDocument/prepareRename", client.at(document, line, column + 9))
    assert prepared == {"start": {"line": line, "character": 7},
                        "end": {"line": line, "character": 15}}
    edit = client.request("textDocument/rename", {
        **client.at(document, line, column + 9), "newName": "us_dod"})
    changed = {Path(u.removeprefix("file://")).name for u in edit["changes"]}
    assert changed == {"belarus_2022.assess", "as_of_article.assess", "massing.assess",
                       "drawdown.assess"}
    for name in FLAGSHIP:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = (project / name).read_text(encoding="utf-8")
        target.write_text(apply(text, edit["changes"].get(uri(project / name), [])),
                          encoding="utf-8")
    assert "pentagon" not in (tmp_path / FLAGSHIP[1]).read_text(encoding="utf-8")
    before = assess.load(str(rules(project)), str(evidence(project))).prob()
    after = assess.load(str(tmp_path / FLAGSHIP[0]), str(tmp_path / FLAGSHIP[1])).prob()
    assert [(a.text, a.probability) for a in after.answers] == [
        (a.text, a.probability) for a in before.answers]
    assert len(before.answers) == 10  # every hypothesis, the residuals included


def test_rename_to_what_is_not_a_name_is_refused(client: Client, project: Path) -> None:
    document = client.open(rules(project))
    line, column = find(rules(project), "source pentagon ")
    answer = client.response("textDocument/rename", {
        **client.at(document, line, column + 9), "newName": "Pentagon"})
    assert "is not a name" in answer["error"]["message"]


def test_rename_reaches_the_tables_of_reports_loaded(client: Client) -> None:
    rules = REPO / "examples" / "ach_demo" / "rules.assess"
    table = REPO / "examples" / "ach_demo" / "reports.csv"
    client.open(REPO / "examples" / "ach_demo" / "evidence.assess")
    document = client.open(rules)
    line, column = find(rules, "source imagery ")
    found = locations(client.request("textDocument/references", {
        **client.at(document, line, column + 8), "context": {"includeDeclaration": True}}))
    assert [f for f in found if f[0] == "reports.csv"] == [
        ("reports.csv", 1, 13, "imagery")]
    edit = client.request("textDocument/rename", {
        **client.at(document, line, column + 8), "newName": "satellite"})
    assert {Path(u).name for u in edit["changes"]} == {"rules.assess", "reports.csv"}
    renamed = apply(table.read_text(encoding="utf-8"), edit["changes"][uri(table)])
    assert renamed.split("\n")[1].startswith("sts_imagery,,satellite,2,")
    client.close_document(document)


# ---- formatting and completion ------------------------------------------------------------


def test_formatting_gives_the_fmt_text(client: Client, project: Path) -> None:
    document = client.open(evidence(project))
    text = evidence(project).read_text(encoding="utf-8")
    assert client.request("textDocument/formatting", {
        "textDocument": {"uri": document}, "options": {"tabSize": 4, "insertSpaces": True}}) == []
    messy = text.replace("report troops_in_belarus(12500) by",
                         "report   troops_in_belarus( 12500 )by")
    client.change(document, messy)
    edits = client.request("textDocument/formatting", {
        "textDocument": {"uri": document}, "options": {"tabSize": 4, "insertSpaces": True}})
    assert apply(messy, edits) == format_source(messy) == text
    client.change(document, text)


def test_completion_offers_declared_names(client: Client, project: Path) -> None:
    document = client.open(evidence(project))
    text = evidence(project).read_text(encoding="utf-8")
    lines = text.split("\n")

    def labels(typed: str) -> set[str]:
        client.change(document, text + "\n" + typed)
        answer = client.request("textDocument/completion", client.at(
            document, len(lines), len(typed)))
        return {item["label"] for item in answer["items"]}

    sources = labels("report troops_in_belarus(1) by pe")
    assert {"pentagon", "isw", "saks"} <= sources and "imminent_attack" not in sources
    predicates = labels("winter_attack :- troo")
    assert {"troops_in_belarus", "imminent_attack", "report"} <= predicates
    assert "pentagon" not in predicates
    assert {"poor_decision", "delegation"} <= labels("[")
    client.change(document, text)


# ---- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [
    "report troops_in_belarus(",
    "[poor_decision",
    "",
    "\x00\x01 binary",
    "p :- q(\"unclosed",
    "source pentagon \"x\" reliability B.\nsource pentagon \"y\" reliability Q.",
    "(" * 5000,
])
def test_a_broken_file_gets_answers_not_a_crash(client: Client, project: Path, typed: str) -> None:
    path = project / "broken.assess"
    since = client.mark()
    document = client.open(path, typed)
    found = client.diagnostics(document, 1, since)
    assert found and all(d["severity"] == 1 for d in found)
    for method, extra in [
        ("textDocument/hover", {}), ("textDocument/definition", {}),
        ("textDocument/references", {"context": {"includeDeclaration": True}}),
        ("textDocument/completion", {}), ("textDocument/prepareRename", {}),
        ("textDocument/formatting", {"options": {"tabSize": 4, "insertSpaces": True}}),
    ]:
        params = {**client.at(document, 0, min(len(typed), 3)), **extra}
        if method == "textDocument/formatting":
            params = {"textDocument": {"uri": document}, **extra}
        answer = client.response(method, params)
        assert "error" not in answer, (method, answer)
    assert client.process.poll() is None
    errors = [m for m in client.messages("window/logMessage") if m["type"] == 1]
    assert errors == []
    client.close_document(document)
