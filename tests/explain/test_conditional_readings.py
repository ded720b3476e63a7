"""track and sensitivity read a member of a set ``given c`` as ``run`` reads it.

``run`` judges such a member on P(h | c), with the ICD 203 term of that
number, and says there is no judgement where c has probability 0. Held to:

* track: the last snapshot is ``run`` on the same files, every member of
  every set (number and term), on the flagship and on a conditional
  fixture followed over three weeks (whose second week is
  ``conditional_set.assess``); a week in which c cannot hold has no number
  and run's words; the effect of a report on a conditional member is the
  change of P(h | c) (what-if's), and a report that decides whether c can
  hold is said so;
* sensitivity (the flagship's first conditional member, every member of
  ``conditional_set.assess``): its number is run's; each derivative of P(h | c) equals a
  central finite difference of ``Compiled.set_readouts`` with that input
  moved; each crossing really moves the conditional term (re-evaluated
  just below and above it); with c impossible, there is no judgement to
  move.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import assess
from assess.analysis.icd203 import band_index, clamp
from assess.api import Assessment
from assess.engine.ir import GroundAtom
from assess.explain.changes import Change, weights
from assess.explain.judgement_result import Judgement, Judgements
from assess.explain.reading import conditional_members, reading
from assess.explain.sensitivity import Lever, SensitivityResult, moved, sensitivity
from assess.explain.track import TrackResult
from assess.render.levers import sensitivity_text
from assess.semantics.prob.compiled import Compiled
from assess.semantics.prob.model import Key
from tests.cli.cli_runner import run
from tests.explain.flagship import FLAGSHIP, flagship

ROOT = Path(__file__).parents[2]
RULES = str(ROOT / "rulesets" / "belarus_2022.assess")
EXAMPLES = ROOT / "examples" / "belarus_2022"
SNAPSHOTS = [str(EXAMPLES / f"{n}.assess") for n in ("as_of_article", "massing", "drawdown")]
FIXTURE = Path(__file__).parent / "fixtures" / "conditional_set.assess"
WEEKS_DIR = Path(__file__).parent / "fixtures" / "conditional_track"
WEEK_RULES = str(WEEKS_DIR / "rules.assess")
WEEKS = [str(WEEKS_DIR / f"week{i}.assess") for i in (1, 2, 3)]
NO_ATTACK = "no judgement, since attack cannot hold on this evidence"


def _members(assessment: Assessment) -> list[Judgement]:
    return [j for _, js in assessment.assess().sets for j in js]


def _assert_snapshot_is_run(result: TrackResult, at: int, files: list[str]) -> None:
    series = {s.atom: s for s in result.series}
    members = _members(assess.load(*files))
    assert any(j.given is not None for j in members)
    for j in members:
        line = series[j.name]
        assert line.terms[at] == j.phrase, j.name
        if j.undefined:
            assert line.probabilities[at] is None, j.name
        else:
            assert line.probabilities[at] == j.judged, j.name
        if j.given is None:
            assert line.given is None
            continue
        assert line.given is not None and line.given.condition == j.condition
        assert line.given.conditions[at] == j.condition_probability
        assert line.given.overall[at] == j.probability


@pytest.mark.parametrize(("rules", "snapshots"), [(RULES, SNAPSHOTS), (WEEK_RULES, WEEKS)])
def test_the_last_snapshot_of_track_is_run_on_the_same_files(
    rules: str, snapshots: list[str]
) -> None:
    result = assess.track(rules, *snapshots)
    _assert_snapshot_is_run(result, len(snapshots) - 1, [rules, snapshots[-1]])


def test_every_week_of_the_conditional_track_is_run_on_its_files() -> None:
    """Week 2 is ``conditional_set.assess`` (with dates); week 1 has no massing."""
    result = assess.track(WEEK_RULES, *WEEKS)
    _assert_snapshot_is_run(result, 0, [WEEK_RULES, WEEKS[0]])
    _assert_snapshot_is_run(result, 1, [str(FIXTURE)])
    north = next(s for s in result.series if s.atom == "north")
    assert north.probabilities[0] is None and north.terms[0] == NO_ATTACK
    assert north.probabilities[1] == pytest.approx(0.4375)   # 0.7 * 0.625
    assert north.given is not None and north.given.overall[1] == pytest.approx(0.175)


def test_a_report_that_makes_the_condition_possible_is_said_to_decide_it() -> None:
    result = assess.track(WEEK_RULES, *WEEKS)
    first = next(c for c in result.changes if c.atom == "north" and c.before == 0)
    assert first.condition == "attack" and first.probability_before is None
    assert first.term_before == NO_ATTACK and first.term_after == "unlikely"
    assert [(c.change, c.report.key, c.effect) for c in first.causes] == [
        ("added", "massing@pentagon", None)]
    text = run_text("track", WEEK_RULES, *WEEKS)
    assert f"north | attack: {NO_ATTACK} in week1 -> unlikely (44 %) in week2" in text
    assert "added      massing@pentagon  B2  decides whether attack can hold" in text
    assert "  P(attack): 0 %, 40 %, 40 %" in text


def test_a_cause_of_a_conditional_change_is_its_effect_on_p_given_c() -> None:
    """Week 3 grades the roads report B2 from the Pentagon instead of C3 from
    the blogger: P(north | attack) goes from 0.4375 to 0.56 (likely); the
    added report's effect is what-if's drop of it on P(north | attack)."""
    result = assess.track(WEEK_RULES, *WEEKS)
    change = next(c for c in result.changes if c.atom == "north" and c.before == 1)
    assert change.term_after == "likely" and change.probability_after == pytest.approx(0.56)
    added = next(c for c in change.causes if c.change == "added")
    rows = assess.load(WEEK_RULES, WEEKS[2]).what_if(drop="roads@pentagon").rows
    north = next(r for r in rows if r.atom == "north")
    assert north.before is not None and north.after is not None and north.given is not None
    assert added.effect == pytest.approx(north.before - north.after, abs=1e-12)
    overall = north.given.overall_before - north.given.overall_after
    assert abs(overall - north.before + north.after) > 0.1   # not the overall effect


def run_text(*argv: str) -> str:
    outcome = run(*argv)
    assert outcome.code == 0, outcome.output
    return outcome.stdout


# -- sensitivity ---------------------------------------------------------------


@cache
def _judged(files: tuple[str, ...]) -> tuple[Assessment, Judgements]:
    if list(files) == FLAGSHIP:
        assessment, _, judgements = flagship()
        return assessment, judgements
    assessment = assess.load(*files)
    return assessment, assessment.assess()


@cache
def _case(files: tuple[str, ...], name: str) -> tuple[Compiled, Judgement, SensitivityResult]:
    """The compiled model ``assess sensitivity`` reads, run's judgement, and
    the sensitivity (each computed once: the flagship's take a while)."""
    assessment, judged = _judged(files)
    ground = assessment.atom(name)
    compiled = assessment.compile(targets=[ground])
    return compiled, judged.judgement(name), sensitivity(compiled, ground)


FIXTURE_FILES = (str(FIXTURE),)
CASES = [(FIXTURE_FILES, n) for n in ("north", "west", "elsewhere")]
"""Every member of the fixture's set. (A sensitivity of the whole flagship
costs about 50 s a member, more than the suite can spend: the flagship's
conditional members are held to run by track and by what-if.)"""


def test_the_cases_are_every_conditional_member_of_the_fixture() -> None:
    members = [j for _, js in _judged(FIXTURE_FILES)[1].sets for j in js if j.given is not None]
    assert sorted(j.name for j in members) == sorted(n for f, n in CASES if f == FIXTURE_FILES)


def _given(compiled: Compiled, atom: GroundAtom, changed: dict[Key, float] | None = None
           ) -> float:
    """P(atom | condition) from the set readouts, with ``changed`` inputs."""
    r = compiled.set_readouts(changed)[conditional_members(compiled)[atom]]
    return r.members[r.atoms.index(atom)]


def _key(compiled: Compiled, lever: Lever) -> Key:
    if lever.kind == "report":
        return next(i for i in compiled.model.inputs if i.name == lever.name)
    return lever.name


@pytest.mark.parametrize(("files", "name"), CASES)
def test_sensitivity_moves_run_s_conditional_number(files: tuple[str, ...], name: str) -> None:
    compiled, judged, result = _case(files, name)
    assert judged.given is not None and result.given is not None
    assert result.probability == judged.given and result.term == judged.phrase
    assert result.given.condition == judged.condition
    assert result.given.overall == judged.probability
    assert abs(clamp(_given(compiled, judged.atom)) - judged.given) < 1e-15
    levers = [lv for lv in result.levers if lv.kind != "source"][:12]
    assert levers, name
    for lever in levers:
        key, x0 = _key(compiled, lever), float(lever.value)
        low, high = max(x0 - 1e-6, 0.0), min(x0 + 1e-6, 1.0)
        slope = (_given(compiled, judged.atom, {key: high})
                 - _given(compiled, judged.atom, {key: low})) / (high - low)
        assert lever.derivative == pytest.approx(slope, abs=1e-6), (name, lever.name)


@pytest.mark.parametrize(("files", "name"), CASES)
def test_each_crossing_moves_the_conditional_term(files: tuple[str, ...], name: str) -> None:
    compiled, judged, result = _case(files, name)
    target = moved(compiled, judged.atom)
    now = band_index(clamp(judged.judged))
    crossings = 0
    for lever in result.levers:
        for at in (lever.up, lever.down):
            if at is None:
                continue
            crossings += 1
            if isinstance(at, str):   # a grade: the term there is another
                w = weights(compiled, Change(grade={lever.name: at}))
                value = reading(compiled, judged.atom, w).judged
                assert value is None or band_index(clamp(value)) != now, (lever, at)
                continue
            key, eps = _key(compiled, lever), 1e-7
            if not eps <= at <= 1 - eps:
                continue
            sides = [target.value({key: at + d}) for d in (-eps, eps)]
            assert None not in sides
            classes = {band_index(clamp(v)) for v in sides if v is not None}
            assert len(classes) == 2 and now in classes, (name, lever.name, at, sides)
    assert crossings, name


def test_where_the_condition_cannot_hold_there_is_no_judgement_to_move() -> None:
    _, judged, result = _case((WEEK_RULES, WEEKS[0]), "north")
    assert judged.undefined
    assert result.probability is None and result.term == NO_ATTACK == judged.phrase
    assert result.levers == () and result.term_up is None and result.edge_down is None
    assert result.given is not None and result.given.condition_probability == 0.0
    text = sensitivity_text(result)
    assert "There is no judgement to move: P(north | attack) is undefined" in text


def test_the_text_says_it_reads_p_given_c() -> None:
    text = run_text("sensitivity", str(FIXTURE), "north")
    assert text.startswith("P(north | attack): unlikely (44 %), as run reads it; attack 40 %, "
                           "north 18 % overall")
    assert "derivative of P(north | attack), by the quotient rule" in text
    assert "d/dx +0.7000" in text   # P(north | attack) = 0.7 * p(roads)
