"""Every command's ``--format json`` holds to its JSON Schema in ``assess/schemas``.

One object per command, ``{"command", "version", …payload}``; on bad input
the one ``errors`` object (``errors.json``) on stdout, with the exit code the
text output has. The schemas ship in the package (found through
``importlib.resources``, as an installed wheel finds them) and are read with
``jsonschema`` (draft 2020-12; ``common.json`` holds the shared shapes). Each
command runs on the flagship and on the examples.
"""

from __future__ import annotations

import contextlib
import copy
import json
from importlib import resources
from typing import Any

import click
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

import assess
from assess.cli import cli
from tests.cli.cli_runner import run
from tests.docs.readme_blocks import REPO

R, E = "rulesets/belarus_2022.assess", "examples/belarus_2022/as_of_article.assess"
SNAPSHOTS = [f"examples/belarus_2022/{n}.assess" for n in ("as_of_article", "massing", "drawdown")]
ACH = ("examples/ach_demo/rules.assess", "examples/ach_demo/evidence.assess")
CYBER = ("rulesets/cyber_attribution.assess", "examples/cyber_attribution/intrusion.assess")
TWEETY = "tests/semantics/defeasible/fixtures/tweety_penguin.assess"
CRISP = "tests/semantics/fixtures/crisp/closure.assess"
GIVEN = "tests/explain/fixtures/conditional_set.assess"
"""A set ``given attack``: what-if's rows of its members carry ``given``, and
null numbers where the attack cannot hold."""
WEEKS = [f"tests/explain/fixtures/conditional_track/{n}.assess"
         for n in ("rules", "week1", "week2", "week3")]
"""The set of ``GIVEN`` over three weeks; in the first the attack cannot hold."""

CASES: dict[str, list[str]] = {
    "check flagship": ["check", R, E],
    "check folders": ["check", "rulesets", "examples"],
    "run flagship": ["run", R, E],
    "run ach": ["run", *ACH],
    "run cyber": ["run", *CYBER],
    "run burglary": ["run", "examples/burglary.assess"],
    "run crisp": ["run", "--semantics", "crisp", "--all", "path/2", CRISP],
    "run defeasible": ["run", "--semantics", "defeasible", TWEETY],
    "why flagship": ["why", R, E, "no_attack"],
    "why ach": ["why", *ACH, "sanctions_evasion"],
    "why defeasible": ["why", "--semantics", "defeasible", TWEETY, "fly(tweety)"],
    "why-not flagship": ["why-not", R, E, "imminent_attack"],
    "what-if flagship": ["what-if", R, E, "--drop", "belarusian_defectors", "--grade", "isw=D"],
    "what-if ach": ["what-if", *ACH, "--assume", "sts_imagery by imagery credibility 2"],
    "what-if given": ["what-if", GIVEN, "--drop", "roads"],
    "what-if no condition": ["what-if", GIVEN, "--drop", "massing@pentagon"],
    "sensitivity flagship": ["sensitivity", R, E, "no_attack"],
    "sensitivity given": ["sensitivity", GIVEN, "north"],
    "sensitivity no condition": ["sensitivity", *WEEKS[:2], "north"],
    "run no condition": ["run", *WEEKS[:2]],
    "track given": ["track", *WEEKS],
    "matrix flagship": ["matrix", R, E],
    "matrix ach": ["matrix", *ACH],
    "formula burglary": ["formula", "burglary", "examples/burglary.assess", "--exact"],
    "formula ach": ["formula", "sanctions_evasion", *ACH],
    "graph flagship": ["graph", R, E],
    "graph expanded": ["graph", R, E, "--expand"],
    "graph burglary": ["graph", "examples/burglary.assess"],
    "track flagship": ["track", R, *SNAPSHOTS],
    "track by date": ["track", R, E, "--by-date"],
    "test scenarios": ["test", "tests/scenarios/belarus_2022.assess", "rulesets"],
    "fmt examples": ["fmt", "--check", "--diff", "examples", "rulesets"],
}
"""The commands checked, run from the repository's root (each with ``--format json``)."""

ERRORS: dict[str, tuple[list[str], int]] = {
    "unknown atom": (["why", R, E, "no_atack"], 1),
    "missing file": (["run", "no/such.assess"], 2),
    "syntax errors": (["matrix", "{broken}"], 2),
    "bad option": (["what-if", R, E, "--set", "nonsense"], 2),
    "usage": (["graph", "--format", "json", "--no-such-option", R], 2),
}
"""Bad input under ``--format json``, with the exit code text output has too
(``{broken}``: a file with two syntax errors)."""


def _schemas() -> dict[str, dict[str, Any]]:
    folder = resources.files("assess").joinpath("schemas")
    return {
        entry.name.removesuffix(".json"): json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir() if entry.name.endswith(".json")
    }


SCHEMAS = _schemas()
REGISTRY: Registry[Any] = Registry().with_resources(
    (schema["$id"], Resource.from_contents(schema)) for schema in SCHEMAS.values()
)


def problems(document: dict[str, Any]) -> list[str]:
    """How ``document`` breaks the schema of its command (errors: ``errors.json``)."""
    name = "errors" if "errors" in document else str(document.get("command"))
    if name not in SCHEMAS:
        return [f"no schema for {name!r}"]
    validator = Draft202012Validator(SCHEMAS[name], registry=REGISTRY)
    return [f"{e.json_path}: {e.message[:300]}" for e in validator.iter_errors(document)]


def json_of(*argv: str) -> tuple[int, dict[str, Any]]:
    with contextlib.chdir(REPO):
        outcome = run(*argv, "--format", "json")
    document = json.loads(outcome.stdout)
    assert isinstance(document, dict), outcome.stdout
    return outcome.code, document


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    Draft202012Validator.check_schema(SCHEMAS[name])


def _prints_json(command: click.Command) -> bool:
    choices = [p.type.choices for p in command.params
               if p.name == "output_format" and isinstance(p.type, click.Choice)]
    return any("json" in c for c in choices)


def test_every_command_with_json_has_a_schema() -> None:
    context = click.Context(cli)
    commands = {name: cli.get_command(context, name) for name in cli.list_commands(context)}
    printing = {name for name, command in commands.items()
                if command is not None and _prints_json(command)}
    assert printing <= set(SCHEMAS), printing - set(SCHEMAS)
    assert {argv[0] for argv in CASES.values()} == printing


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_output_holds_to_its_schema(case: str) -> None:
    code, document = json_of(*CASES[case])
    assert code in (0, 1), document
    assert (document["command"], document["version"]) == (CASES[case][0], assess.__version__)
    assert problems(document) == []


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_an_error_is_one_json_object_with_the_same_exit_code(case: str, tmp_path: Any) -> None:
    broken = tmp_path / "broken.assess"
    broken.write_text("p(a.\nq :- .\n")
    argv, code = ERRORS[case]
    argv = [str(broken) if a == "{broken}" else a for a in argv]
    with contextlib.chdir(REPO):
        text = run(*[a for a in argv if a not in ("--format", "json")])
        outcome = run(*argv, "--format", "json")
    assert outcome.code == text.code == code
    document = json.loads(outcome.stdout)
    assert document["command"] == argv[0] and document["errors"], document
    assert problems(document) == []
    assert outcome.stderr == ""


def test_every_syntax_error_is_an_object_of_the_list(tmp_path: Any) -> None:
    path = tmp_path / "broken.assess"
    path.write_text("p(a.\nq(b).\nr :- .\ns(c).\nt(\n")
    outcome = run("check", "--format", "json", str(path))
    document = json.loads(outcome.stdout)
    found = [(d["code"], d["line"]) for d in document["diagnostics"]]
    assert found == [("syntax_error", 1), ("syntax_error", 3), ("syntax_error", 5)]
    assert outcome.code == 1 and problems(document) == []


def test_a_schema_refuses_what_the_contract_does_not_say() -> None:
    """The schemas are strict: a field too many or a wrong type fails."""
    _, document = json_of(*CASES["what-if flagship"])
    extra = copy.deepcopy(document)
    extra["rows"][0]["surprise"] = 1
    wrong = copy.deepcopy(document)
    wrong["rows"][0]["before"] = "high"
    unversioned = {k: v for k, v in document.items() if k != "version"}
    assert all(problems(d) for d in (extra, wrong, unversioned))


def test_a_conditional_row_says_its_condition_and_an_undefined_one_is_null() -> None:
    """A member of a set ``given c`` has its condition, P(c) and P(h) overall
    in ``given``; without it, or with its condition unnamed, the row fails."""
    _, document = json_of(*CASES["what-if no condition"])
    row = next(r for r in document["rows"] if r["atom"] == "north")
    assert row["after"] is None and row["delta"] is None and row["before"] is not None
    assert row["given"]["condition"] == "attack" and row["given"]["condition_after"] == 0
    unsaid = copy.deepcopy(document)
    del next(r for r in unsaid["rows"] if r["atom"] == "north")["given"]
    unnamed = copy.deepcopy(document)
    del next(r for r in unnamed["rows"] if r["atom"] == "north")["given"]["condition"]
    assert problems(document) == [] and problems(unsaid) and problems(unnamed)


def test_no_judgement_is_null_with_its_reason_in_run_and_sensitivity() -> None:
    """Where the condition cannot hold: run's member has no estimate, band
    or P(h | c), and says why; sensitivity has no number and no levers;
    a document that gives a number, or no reason, fails."""
    _, document = json_of(*CASES["run no condition"])
    north = next(h for h in document["hypotheses"] if h["name"] == "north")
    assert (north["estimate"], north["band"], north["given"]["probability"]) == (None, None, None)
    assert north["given"]["no_judgement"] == north["phrase"] == (
        "no judgement, since attack cannot hold on this evidence")
    assert north["given"]["condition_probability"] == 0.0
    unsaid = copy.deepcopy(document)
    del next(h for h in unsaid["hypotheses"] if h["name"] == "north")["given"]["no_judgement"]
    assert problems(document) == [] and problems(unsaid)
    _, levers = json_of(*CASES["sensitivity no condition"])
    assert levers["probability"] is None and levers["levers"] == []
    assert levers["given"] == {"condition": "attack", "condition_probability": 0.0,
                               "overall": 0.0}
    unnamed = copy.deepcopy(levers)
    del unnamed["given"]["condition"]
    assert problems(levers) == [] and problems(unnamed)


def test_a_conditional_series_says_its_condition_per_snapshot() -> None:
    _, document = json_of(*CASES["track given"])
    north = next(s for s in document["series"] if s["atom"] == "north")
    assert north["probabilities"][0] is None and north["given"]["condition"] == "attack"
    assert north["given"]["conditions"][0] == 0.0 and len(north["given"]["overall"]) == 3
    change = next(c for c in document["changes"] if c["atom"] == "north")
    assert change["condition"] == "attack" and change["causes"][0]["effect"] is None
    wrong = copy.deepcopy(document)
    next(s for s in wrong["series"] if s["atom"] == "north")["probabilities"][0] = "none"
    assert problems(document) == [] and problems(wrong)
