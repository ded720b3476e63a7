"""The HTML report in a real browser: headless Chromium at 1280×800.

The reports of the flagship and of the ACH demo are written once by
``assess report``; one browser session opens them. Each page must load
without a console error (no refused script or style, no exception), show
every hypothesis and every matrix cell with the numbers of ``--format
json``, explain a map node when it is clicked, and move its what-if numbers
to exactly (1e-9) what ``assess what-if`` says. A quote that tries to
break out of the page shows as text and runs nothing. Screenshots are
written for a person to look at (``browser.screenshot_dir``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assess.analysis.icd203 import percent
from tests.cli.cli_runner import run
from tests.report.browser import (
    REPO,
    chromium_session,
    open_page,
    screenshot,
    severe,
)
from tests.test_untrusted_text import HOSTILE, HTML

FLAGSHIP = ("rulesets/belarus_2022.assess", "examples/belarus_2022/as_of_article.assess")
ACH = ("examples/ach_demo/rules.assess", "examples/ach_demo/evidence.assess")
BURGLARY = ("examples/burglary.assess",)
"""Evidence conditioned on (``evidence/2``): observation nodes in the map."""
GIVEN = ("tests/explain/fixtures/conditional_set.assess",)
"""A set ``given attack``: the page reads its members as P(h | attack)."""
WEEKS = tuple(f"tests/explain/fixtures/conditional_track/{n}.assess"
              for n in ("rules", "week1", "week2", "week3"))
"""That set over three weeks; in the first the attack cannot hold."""
TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with chromium_session() as session:
        yield session


def _report(files: tuple[str, ...], out: Path, *options: str) -> Path:
    done = run("report", *(str(REPO / f) for f in files), "--output", str(out),
               *(o if o.startswith("--") else str(REPO / o) for o in options))
    assert done.code == 0, done.output
    assert done.stdout.strip() == str(out)
    return out


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    return {"flagship": _report(FLAGSHIP, folder / "flagship.html"),
            "ach": _report(ACH, folder / "ach.html"),
            "burglary": _report(BURGLARY, folder / "burglary.html"),
            "given": _report(GIVEN, folder / "given.html"),
            "weeks": _report((WEEKS[0], WEEKS[3]), folder / "weeks.html",
                             *(a for week in WEEKS[1:] for a in ("--track", week))),
            "impossible": _report(WEEKS[:2], folder / "impossible.html")}


def _json(*argv: str) -> dict[str, Any]:
    done = run(*argv, "--format", "json")
    assert done.code == 0, done.output
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def _files(name: str) -> list[str]:
    return [str(REPO / f) for f in {"flagship": FLAGSHIP, "ach": ACH, "given": GIVEN,
                                    "weeks": (WEEKS[0], WEEKS[3]),
                                    "impossible": WEEKS[:2]}[name]]


def _shoot(driver: Any, name: str, anchor: str | None = None) -> None:
    if anchor is not None:
        driver.execute_script(f"document.getElementById('{anchor}').scrollIntoView()")
    screenshot(driver, name)


def _close(a: float | str, b: float | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    return math.isclose(a, b, rel_tol=0, abs_tol=TOLERANCE)


@pytest.mark.parametrize("name", ["flagship", "ach", "burglary", "weeks", "impossible"])
def test_the_page_loads_without_a_console_error(driver: Any, pages: dict[str, Path],
                                                name: str) -> None:
    open_page(driver, pages[name])
    _shoot(driver, f"{name}-judgements")
    for section in ("matrix", "map", "sensitivity", "track", "whatif"):
        _shoot(driver, f"{name}-{section}", section)
    assert severe(driver) == []
    assert driver.find_elements("css selector", "p.error") == []


@pytest.mark.parametrize("name", ["flagship", "ach"])
def test_every_hypothesis_shows_the_numbers_of_run_json(driver: Any, pages: dict[str, Path],
                                                        name: str) -> None:
    open_page(driver, pages[name])
    expected = _json("run", *_files(name))["hypotheses"]
    cards = {c.get_attribute("data-hypothesis"): c
             for c in driver.find_elements("css selector", "article.judgement")}
    assert set(cards) == {h["name"] for h in expected}
    for h in expected:
        card = cards[h["name"]]
        assert _close(float(card.get_attribute("data-probability")), h["probability"])
        assert card.get_attribute("data-estimate") == h["estimate"]
        text = card.text
        assert h["phrase"] in text
        assert "Confidence is " + h["confidence"]["level"] in text
        for side in ("for", "against"):
            argument = h[side]
            if argument and argument["report"] and argument["report"]["quote"]:
                assert " ".join(argument["report"]["quote"].split()) in text
    assert severe(driver) == []


@pytest.mark.parametrize("name", ["flagship", "ach"])
def test_every_matrix_cell_shows_the_numbers_of_matrix_json(
    driver: Any, pages: dict[str, Path], name: str
) -> None:
    open_page(driver, pages[name])
    matrices = _json("matrix", *_files(name))["matrices"]
    assert matrices
    for m in matrices:
        table = driver.find_element("css selector", f"table.matrix[data-set='{m['set']}']")
        shown = {
            (c.find_element("xpath", "..").get_attribute("data-indicator"),
             c.get_attribute("data-hypothesis")): c
            for c in table.find_elements("css selector", "td.cell")
        }
        expected = {(row["indicator"], cell["hypothesis"]): cell
                    for row in m["rows"] for cell in row["cells"]}
        assert set(shown) == set(expected)
        for key, cell in expected.items():
            td = shown[key]
            weight = td.get_attribute("data-weight")
            value: float | str = weight if weight in ("+inf", "-inf") else float(weight)
            assert _close(value, cell["weight"]), key
            assert td.get_attribute("data-mark") == cell["mark"]


def test_clicking_a_header_sorts_the_matrix(driver: Any, pages: dict[str, Path]) -> None:
    open_page(driver, pages["ach"])
    table = driver.find_element("css selector", "table.matrix")
    header = table.find_element("css selector", "th[data-key='indicator']")
    header.click()
    names = [r.get_attribute("data-indicator")
             for r in table.find_elements("css selector", "tbody tr")]
    assert names == sorted(names, reverse=True)
    header.click()
    names = [r.get_attribute("data-indicator")
             for r in table.find_elements("css selector", "tbody tr")]
    assert names == sorted(names)


def _click_node(driver: Any, kind: str) -> str:
    """Click, with the mouse, a node of ``kind`` that the map shows; its id."""
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("id", "cy")
    driver.execute_script("arguments[0].scrollIntoView({block: 'end'})", canvas)
    found = driver.execute_script(
        """const cy = window.assessMap, w = cy.width(), h = cy.height();
        const box = arguments[1].getBoundingClientRect();
        const top = document.querySelector('header').getBoundingClientRect().bottom;
        const n = cy.nodes('[kind = "' + arguments[0] + '"]').filter(x => {
          const p = x.renderedPosition(); return p.x > 20 && p.x < w - 20 && p.y > 20
          && p.y < h - 20 && box.top + p.y > top + 10 && box.top + p.y < innerHeight - 10;
        })[0];
        const p = n.renderedPosition(); return [n.id(), p.x, p.y, w, h];""", kind, canvas)
    node, x, y, width, height = found
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - width / 2), int(y - height / 2)).click().perform()
    return str(node)


@pytest.mark.parametrize("name", ["flagship", "ach"])
def test_clicking_a_node_shows_its_explanation(driver: Any, pages: dict[str, Path],
                                               name: str) -> None:
    open_page(driver, pages[name])
    node = _click_node(driver, "hypothesis")
    panel = driver.find_element("id", "node-detail")
    assert panel.get_attribute("data-node") == node
    label = driver.execute_script(
        "return window.assessMap.getElementById(arguments[0]).data('label')", node)
    atom = label.split("\n")[0]
    why = panel.find_element("css selector", "pre.why").text
    assert atom in why
    assert panel.find_element("css selector", "pre.sensitivity").text.strip()
    _shoot(driver, f"{name}-map-clicked")
    assert severe(driver) == []


def _number(text: str | None) -> float | None:
    return None if text in (None, "null") else float(str(text))


def _after(driver: Any) -> dict[str, dict[str, Any]]:
    """Each row of the page's what-if table: the number and term after (for
    a member of a set ``given c``, P(h | c), with P(c) and P(h) overall)."""
    rows = driver.find_elements("css selector", "#whatif-table tbody tr")
    return {r.get_attribute("data-atom"): {
        "after": _number(r.get_attribute("data-after")),
        "term_after": r.get_attribute("data-term-after"),
        "condition_after": _number(r.get_attribute("data-condition-after")),
        "overall_after": _number(r.get_attribute("data-overall-after")),
    } for r in rows}


def _assert_rows(shown: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    """The page's rows are ``assess what-if``'s rows, to 1e-9."""
    assert set(shown) == {r["atom"] for r in rows}
    for r in rows:
        page, given = shown[r["atom"]], r["given"]
        expected = {"after": r["after"], "term_after": r["term_after"],
                    "condition_after": None if given is None else given["condition_after"],
                    "overall_after": None if given is None else given["overall_after"]}
        for key, value in expected.items():
            assert (page[key] is None) == (value is None), (r["atom"], key, page, value)
            if value is not None:
                assert _close(page[key], value), (r["atom"], key, page[key], value)


WHAT_IF = {
    "ach": ("sts_imagery@imagery", "tracker", "E"),
    "flagship": ("forces_poorly_prepared@massicot", "belarusian_defectors", "A"),
    "given": ("roads@blogger", "pentagon", "D"),
}


@pytest.mark.parametrize("name", ["flagship", "ach", "given"])
def test_a_what_if_toggle_moves_the_numbers_to_what_if_json(
    driver: Any, pages: dict[str, Path], name: str
) -> None:
    from selenium.webdriver.support.ui import Select

    report, source, letter = WHAT_IF[name]
    open_page(driver, pages[name])
    before = _after(driver)
    _assert_rows(before, _json("what-if", *_files(name))["rows"])
    driver.execute_script("document.getElementById('whatif').scrollIntoView()")
    box = driver.find_element("css selector", f"input[data-report='{report}']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    dropped = _after(driver)
    assert dropped != before
    _assert_rows(dropped, _json("what-if", *_files(name), "--drop", report)["rows"])
    _shoot(driver, f"{name}-whatif-dropped")
    select = driver.find_element("css selector", f"select[data-source='{source}']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", select)
    Select(select).select_by_value(letter)
    both = _json("what-if", *_files(name), "--drop", report, "--grade", f"{source}={letter}")
    _assert_rows(_after(driver), both["rows"])
    reset = driver.find_element("id", "whatif-reset")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", reset)
    reset.click()
    _assert_rows(_after(driver), _json("what-if", *_files(name))["rows"])
    assert severe(driver) == []


def test_a_condition_left_impossible_shows_no_judgement_as_what_if_does(
    driver: Any, pages: dict[str, Path]
) -> None:
    """Unticking the one report the attack rests on: the axis has no number
    and says why, as ``assess what-if --drop`` does; ticking it back, the
    members read P(h | attack) again."""
    open_page(driver, pages["given"])
    box = driver.find_element("css selector", "input[data-report='massing@pentagon']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    shown = _after(driver)
    assert shown["north"]["after"] is None
    assert shown["north"]["term_after"].startswith("no judgement, since attack cannot hold")
    _assert_rows(shown, _json("what-if", *_files("given"), "--drop", "massing@pentagon")["rows"])
    row = driver.find_element("css selector", "#whatif-table tr[data-atom='north']")
    assert "if attack holds (40 % -> 0 %); overall 18 % -> 0 %" in row.text
    _shoot(driver, "given-whatif-impossible")
    box.click()
    _assert_rows(_after(driver), _json("what-if", *_files("given"))["rows"])
    assert severe(driver) == []


def test_a_conditional_tornado_and_track_read_p_given_c(
    driver: Any, pages: dict[str, Path]
) -> None:
    """The tornado of a member of a set given attack is of P(h | attack), as
    ``assess sensitivity`` says; its track line has a point per week where
    the attack can hold, at track's P(h | attack), and none in week 1."""
    open_page(driver, pages["weeks"])
    for name in ("north", "west", "elsewhere"):
        levers = _json("sensitivity", *_files("weeks"), name)
        figure = driver.find_element("css selector", f"figure.tornado[data-atom='{name}']")
        assert _close(float(figure.get_attribute("data-probability")), levers["probability"])
        caption = figure.find_element("css selector", "figcaption").text
        assert caption.startswith(f"P({name} | attack): ")
        assert caption.endswith(f"attack 40 %, {name} " + percent(levers["given"]["overall"])
                                + " overall")
        axis = figure.find_element("css selector", "text.axis").text
        assert axis == f"\u2202P({name} | attack)/\u2202input"
    track = _json("track", WEEKS[0], *(str(REPO / w) for w in WEEKS[1:]))
    for line in track["series"]:
        points = driver.find_elements(
            "css selector", f"#track-chart [data-atom='{line['atom']}'][data-probability]")
        shown = [float(p.get_attribute("data-probability")) for p in points]
        expected = [p for p in line["probabilities"] if p is not None]
        assert len(shown) == len(expected) and all(map(_close, shown, expected)), line["atom"]
    legend = driver.find_element("css selector", "#track-chart").text
    assert "north | attack (56 %)" in legend
    _shoot(driver, "weeks-track", "track")
    assert severe(driver) == []


def test_where_the_condition_cannot_hold_the_page_has_no_judgement(
    driver: Any, pages: dict[str, Path]
) -> None:
    open_page(driver, pages["impossible"])
    card = driver.find_element("css selector", "article.judgement[data-hypothesis='north']")
    assert card.get_attribute("data-estimate") is None
    assert card.find_element("css selector", ".badge").text == "\u2014"
    assert "no judgement, since attack cannot hold on this evidence" in card.text
    figure = driver.find_element("css selector", "figure.tornado[data-atom='north']")
    assert figure.get_attribute("data-probability") is None
    assert "There is no judgement to move." in figure.text
    _shoot(driver, "impossible-sensitivity", "sensitivity")
    assert severe(driver) == []


def test_a_hostile_quote_shows_as_text_and_runs_nothing(driver: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    program = tmp_path / "evil.assess"
    program.write_text(HOSTILE, encoding="utf-8")
    page = tmp_path / "evil.html"
    done = run("report", str(program), "--output", str(page))
    assert done.code == 0, done.output
    raw = page.read_text(encoding="utf-8")
    assert "<img" not in raw
    assert " on" + "error=" not in raw.replace("\\u003cimg src=x onerror=", "")
    open_page(driver, page)
    with pytest.raises(NoAlertPresentException):
        _ = driver.switch_to.alert.text
    assert driver.execute_script("return document.images.length") == 0
    assert HTML in driver.find_element("id", "judgements").text
    node = _click_node(driver, "hypothesis")
    assert node
    _shoot(driver, "hostile-map-clicked")
    assert severe(driver) == []
