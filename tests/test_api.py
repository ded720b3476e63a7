"""The public Python API: ``assess.load(...)`` and the answers of ``Assessment``.

Each method gives the answer its command prints: ``to_json()`` of the result
is exactly the command's ``--format json`` document without ``"command"``
and ``"version"`` (the command line calls the same methods). Results are
frozen dataclasses with one-line ``repr``s; errors are ``AssessError`` and
warnings ``AssessWarning``, each carrying its diagnostics.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import warnings
from importlib import metadata, resources
from typing import Any

import pytest

import assess
from assess import AssessError, AssessWarning
from tests.cli.cli_runner import run
from tests.docs.readme_blocks import REPO

R, E = "rulesets/belarus_2022.assess", "examples/belarus_2022/as_of_article.assess"
SNAPSHOTS = [f"examples/belarus_2022/{n}.assess" for n in ("as_of_article", "massing", "drawdown")]
ACH = ("examples/ach_demo/rules.assess", "examples/ach_demo/evidence.assess")
TWEETY = "tests/semantics/defeasible/fixtures/tweety_penguin.assess"


def payload(*argv: str) -> dict[str, Any]:
    """The JSON the command prints, without ``command`` and ``version``."""
    with contextlib.chdir(REPO):
        outcome = run(*argv, "--format", "json")
    assert outcome.code == 0, outcome.output
    document: dict[str, Any] = json.loads(outcome.stdout)
    document.pop("command"), document.pop("version")
    return document


def answer(method: str, *args: Any, files: tuple[str, ...] = ACH, **kwargs: Any) -> Any:
    with contextlib.chdir(REPO), warnings.catch_warnings():
        warnings.simplefilter("ignore", AssessWarning)
        return getattr(assess.load(*files), method)(*args, **kwargs)


def same(result: Any, *argv: str) -> None:
    """``result.to_json()`` is what ``assess ARGV --format json`` prints."""
    assert json.loads(json.dumps(result.to_json())) == payload(*argv)


def test_run_is_assess_run() -> None:
    same(answer("run", files=(R, E)), "run", R, E)
    same(answer("run", "crisp", files=ACH), "run", "--semantics", "crisp", *ACH)
    same(answer("run", "defeasible", files=(TWEETY,)), "run", "--semantics", "defeasible", TWEETY)


def test_the_explanations_are_the_commands() -> None:
    same(answer("why", "sanctions_evasion"), "why", *ACH, "sanctions_evasion")
    same(answer("argue", "fly(tweety)", files=(TWEETY,)),
         "why", "--semantics", "defeasible", TWEETY, "fly(tweety)")
    same(answer("why_not", "imminent_attack", files=(R, E)), "why-not", R, E, "imminent_attack")
    same(answer("sensitivity", "sanctions_evasion"), "sensitivity", *ACH, "sanctions_evasion")
    same(answer("what_if", drop="imagery", grade="coastguard=D"),
         "what-if", *ACH, "--drop", "imagery", "--grade", "coastguard=D")


def test_the_pictures_and_tables_are_the_commands() -> None:
    drawn = answer("matrix", "why_dark")
    assert payload("matrix", *ACH, "--set", "why_dark") == {"matrices": [drawn.to_json()]}
    assert answer("matrix").to_json() == answer("matrix", "why_dark").to_json()
    same(answer("formula", "sanctions_evasion", exact=True),
         "formula", "sanctions_evasion", *ACH, "--exact")
    same(answer("graph", files=(R, E)), "graph", R, E)
    same(answer("track", files=(R, E)), "track", R, E, "--by-date")
    with contextlib.chdir(REPO):
        same(assess.api.track(R, *SNAPSHOTS), "track", R, *SNAPSHOTS)


def test_results_are_frozen_with_short_reprs() -> None:
    with contextlib.chdir(REPO):
        loaded = assess.load(*ACH)
    for result in (loaded.prob(), loaded.run(), loaded.why("sanctions_evasion"),
                   loaded.matrix(), loaded.graph(), loaded.what_if(drop="imagery")):
        shown = repr(result)
        assert "\n" not in shown and len(shown) < 200, shown
        assert dataclasses.is_dataclass(result)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(result, dataclasses.fields(result)[0].name, None)
    assert repr(loaded).startswith("Assessment(files=[")


def test_version_and_typing_markers() -> None:
    assert assess.__version__ == metadata.version("assess")
    assert resources.files("assess").joinpath("py.typed").is_file()


def test_errors_and_warnings_carry_diagnostics() -> None:
    with pytest.raises(AssessError) as raised:
        assess.load(texts={"bad.assess": "p :- q(X). r(."})
    assert [d.code for d in raised.value.diagnostics] == ["syntax_error"]
    text = {"w.assess": "edge(a, b).\nsource_of(X) :- edge(X, Y).\nquery(source_of(a))."}
    with pytest.warns(AssessWarning) as caught:
        loaded = assess.load(texts=text)
    (issued,) = caught
    assert isinstance(issued.message, AssessWarning)
    assert [d.code for d in issued.message.diagnostics] == ["singleton_variable"]
    assert loaded.warnings == list(issued.message.diagnostics)
    with pytest.raises(AssessError) as strict:
        assess.load(texts=text, strict=True)
    assert [d.code for d in strict.value.diagnostics] == ["singleton_variable"]
    allowed = {"w.assess": text["w.assess"] + "\n% allow singleton_variable: any target\n"}
    with warnings.catch_warnings():
        warnings.simplefilter("error", AssessWarning)
        assert assess.load(texts=allowed).warnings == []
