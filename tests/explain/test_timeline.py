"""Time in the evidence: current-value indicators, ``--as-of`` and ``track --by-date``.

The fixture (``fixtures/timeline/``) has troop counts with one current value
from four sources in three origins (``ria`` derives from ``tass``), bridges
reported by two, and one undated report.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

import assess
from tests.cli.cli_runner import assert_handled, run

FIXTURES = Path(__file__).parent / "fixtures" / "timeline"
RULES = str(FIXTURES / "rules.assess")
EVIDENCE = str(FIXTURES / "evidence.assess")
DATES = ["2022-12-01", "2022-12-05", "2022-12-08", "2022-12-12"]

SOURCES = """source a "A" reliability B.
source b "B" reliability B.
source c "C" reliability C derived_from a.
"""


def _probabilities(text: str, *atoms: str) -> dict[str, float]:
    queries = "".join(f"query({a}).\n" for a in atoms)
    answers = assess.load(texts={"t.assess": SOURCES + text + queries}).prob().answers
    return {a.text: a.probability for a in answers}


CURRENT = 'indicator troops(n) "Troops" current.\n'


def test_a_newer_report_from_the_same_origin_supersedes_the_older() -> None:
    found = _probabilities(
        CURRENT + "report troops(10000) by a credibility 2 on 2022-12-01.\n"
        "report troops(100000) by a credibility 2 on 2023-01-20.\n",
        "troops(10000)", "troops(100000)",
    )
    assert found == {"troops(10000)": 0.0, "troops(100000)": pytest.approx(0.8)}


def test_the_origin_is_the_derived_from_cluster_and_any_value_or_contrary_counts() -> None:
    found = _probabilities(
        CURRENT + "report troops(10000) by a credibility 2 on 2022-12-01.\n"
        "report ~troops(12500) by c credibility 2 on 2022-12-02.\n",
        "troops(10000)", "~troops(12500)",
    )
    assert found == {"troops(10000)": 0.0, "~troops(12500)": pytest.approx(0.725)}


def test_another_origin_is_another_series_and_both_values_stand() -> None:
    found = _probabilities(
        CURRENT + "report troops(10000) by a credibility 2 on 2022-12-01.\n"
        "report troops(100000) by b credibility 2 on 2023-01-20.\n",
        "troops(10000)", "troops(100000)",
    )
    assert found == {"troops(10000)": pytest.approx(0.8), "troops(100000)": pytest.approx(0.8)}


def test_undated_reports_and_reports_of_the_latest_day_all_stand() -> None:
    found = _probabilities(
        CURRENT + "report troops(1) by a credibility 2.\n"
        "report troops(2) by a credibility 2 on 2022-12-01.\n"
        "report troops(3) by a credibility 2 on 2022-12-01.\n"
        "report troops(4) by b credibility 2.\n"
        "report troops(5) by b credibility 2 on 2022-11-01.\n",
        "troops(1)", "troops(2)", "troops(3)", "troops(4)", "troops(5)",
    )
    assert all(p == pytest.approx(0.8) for p in found.values()), found


def test_without_current_every_report_stands() -> None:
    found = _probabilities(
        'indicator troops(n) "Troops".\n'
        "report troops(10000) by a credibility 2 on 2022-12-01.\n"
        "report troops(100000) by a credibility 2 on 2023-01-20.\n",
        "troops(10000)", "troops(100000)",
    )
    assert found == {"troops(10000)": pytest.approx(0.8), "troops(100000)": pytest.approx(0.8)}


def test_why_shows_superseded_reports_with_what_superseded_them() -> None:
    outcome = run("why", RULES, EVIDENCE, "attack", "--format", "json")
    assert outcome.code == 0, outcome.output
    shown = [(s["report"]["atom"] + "@" + s["report"]["source"], s["by"]["atom"] + "@" +
              s["by"]["source"], s["by"]["date"]) for s in json.loads(outcome.stdout)["superseded"]]
    assert shown == [
        ("troops(10000)@pentagon", "troops(30000)@pentagon", "2022-12-12"),
        ("troops(25000)@tass", "troops(8000)@ria", "2022-12-08"),
    ]
    text = run("why", RULES, EVIDENCE, "troops(10000)").stdout
    assert "No proof" in text
    assert "troops(10000)@pentagon (B2, on 2022-12-01) superseded by troops(30000)@pentagon" in text


def test_why_leaves_out_superseded_reports_the_atom_does_not_depend_on() -> None:
    data = json.loads(run("why", RULES, EVIDENCE, "bridges", "--format", "json").stdout)
    assert data["superseded"] == []


def _truncated(tmp_path: Path, date: str) -> str:
    """The evidence file by hand: only its reports dated up to ``date`` (and undated)."""
    lines = Path(EVIDENCE).read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines
            if not (m := re.search(r" on (\d{4}-\d{2}-\d{2})", line)) or m[1] <= date]
    path = tmp_path / f"upto_{date}.assess"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return str(path)


def _run_json(*argv: str) -> dict[str, float]:
    outcome = run("run", *argv, "--format", "json")
    assert outcome.code == 0, outcome.output
    return {h["name"]: h["probability"] for h in json.loads(outcome.stdout)["hypotheses"]}


@pytest.mark.parametrize("date", ["2022-11-30", "2022-12-04", "2022-12-05", "2022-12-11"])
def test_as_of_is_the_evidence_truncated_by_hand(tmp_path: Path, date: str) -> None:
    by_hand = _run_json(RULES, _truncated(tmp_path, date))
    assert _run_json(RULES, EVIDENCE, "--as-of", date) == pytest.approx(by_hand, abs=1e-12)


def test_as_of_before_a_report_leaves_it_out_and_revives_what_it_superseded() -> None:
    def reported(*argv: str) -> float:
        data = json.loads(run("why", RULES, EVIDENCE, "troops(10000)", *argv,
                              "--format", "json").stdout)
        return float(data["probability"])

    assert reported() == 0.0
    assert reported("--as-of", "2022-12-11") == pytest.approx(0.8)
    assert reported("--as-of", "2022-11-30") == 0.0


FILES = "FILES"


@pytest.mark.parametrize("argv", [
    ["run", FILES], ["why", FILES, "attack"], ["why-not", FILES, "attack"],
    ["what-if", FILES, "--drop", "isw"], ["sensitivity", FILES, "attack"], ["matrix", FILES],
    ["graph", FILES], ["formula", "attack", FILES],
])
def test_every_command_that_reads_evidence_takes_as_of(argv: list[str]) -> None:
    expanded = [x for a in argv for x in ([RULES, EVIDENCE] if a == FILES else [a])]
    assert run(*expanded, "--as-of", "2022-12-05").code == 0
    refused = run(*expanded, "--as-of", "5 December")
    assert_handled(refused)
    assert refused.code == 2 and "bad_option" in refused.stderr


def test_track_by_date_has_one_column_per_date_equal_to_the_truncated_files(
    tmp_path: Path,
) -> None:
    outcome = run("track", RULES, EVIDENCE, "--by-date", "--format", "json")
    assert outcome.code == 0, outcome.output
    data = json.loads(outcome.stdout)
    assert [s["name"] for s in data["snapshots"]] == DATES
    assert [s["date"] for s in data["snapshots"]] == DATES
    attack = next(s for s in data["series"] if s["atom"] == "attack")["probabilities"]
    by_hand = [_run_json(RULES, _truncated(tmp_path, d))["attack"] for d in DATES]
    assert attack == pytest.approx(by_hand, abs=1e-12)
    assert attack[2] == 0 < attack[1] < attack[-1]


def test_track_by_date_calls_a_replaced_count_superseded(tmp_path: Path) -> None:
    rules, evidence = tmp_path / "rules.assess", tmp_path / "evidence.assess"
    rules.write_text(SOURCES + CURRENT + 'hypothesis calm "Calm".\n'
                     "[small] 0.5::calm :- troops(N), N < 20000.\n")
    evidence.write_text("report troops(10000) by a credibility 2 on 2022-12-01.\n"
                        "report troops(30000) by c credibility 2 on 2022-12-12.\n")
    data = json.loads(run("track", str(rules), str(evidence), "--by-date",
                          "--format", "json").stdout)
    assert data["series"][0]["probabilities"] == pytest.approx([0.4, 0.0])
    (change,) = data["changes"]
    causes = [(c["change"], c["report"]["atom"], c["effect"]) for c in change["causes"]]
    assert causes == [("superseded", "troops(10000)", pytest.approx(-0.4))]


def test_track_svg_spaces_dated_snapshots_by_date() -> None:
    svg = run("track", RULES, EVIDENCE, "--by-date", "--format", "svg").stdout
    line = ElementTree.fromstring(svg).find("{*}polyline")
    assert line is not None
    xs = [float(point.split(",")[0]) for point in line.attrib["points"].split()]
    days = [1, 5, 8, 12]
    expected = [(d - days[0]) / (days[-1] - days[0]) for d in days]
    assert [(x - xs[0]) / (xs[-1] - xs[0]) for x in xs] == pytest.approx(expected, abs=1e-3)


def test_an_assumed_dated_report_supersedes_as_a_reported_one_would(tmp_path: Path) -> None:
    assumed = "troops(12500) by pentagon credibility 2 on 2022-12-20"  # isw reported it too
    what_if = run("what-if", RULES, EVIDENCE, "--assume", assumed, "--format", "json")
    assert what_if.code == 0, what_if.output
    after = {r["atom"]: r["after"] for r in json.loads(what_if.stdout)["rows"]}
    longer = tmp_path / "longer.assess"
    longer.write_text(Path(EVIDENCE).read_text(encoding="utf-8") + f"report {assumed}.\n")
    assert after["attack"] == pytest.approx(_run_json(RULES, str(longer))["attack"], abs=1e-12)
    assert after["attack"] < _run_json(RULES, EVIDENCE)["attack"]


def test_on_the_flagship_a_large_massing_counted_by_the_same_origins_moves_imminent_up_a_band(
) -> None:
    from assess.analysis.icd203 import band_index

    root = Path(__file__).parents[2]
    rules = str(root / "rulesets" / "belarus_2022.assess")
    article = str(root / "examples" / "belarus_2022" / "as_of_article.assess")
    massed = str(root / "examples" / "belarus_2022" / "troops_massed.assess")
    before = assess.load(rules, article).assess()
    after = assess.load(rules, article, massed)
    gone = {s.report.key for s in after.why("force_sufficient").superseded}
    assert gone == {"troops_in_belarus(12500)@military_analysts",
                    "troops_in_belarus(10000)@reporters"}
    was = before.judgement("imminent_attack").probability
    now = after.assess().judgement("imminent_attack").probability
    assert band_index(now) >= band_index(was) + 1
    assert after.why("force_sufficient").probability > 0.7
    # The same counts from other origins supersede nothing: December's counts
    # keep voting ("not nearly enough for an attack") and the force stays
    # insufficient.
    kept = assess.load(rules, article, texts={"later.assess": (
        "report troops_in_belarus(100000) by western_officials credibility 2 on 2023-01-20.\n"
        "report troops_in_belarus(90000) by isw credibility 2 on 2023-01-20.\n")})
    assert not kept.why("force_sufficient").superseded
    assert kept.why("force_sufficient").probability < 0.1
