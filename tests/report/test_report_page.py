"""The report page without a browser: what it holds, its policy, its data.

The page is one file: its scripts and style are inside it, each allowed by
its SHA-256 hash in the Content-Security-Policy, which forbids every fetch;
the data is one JSON block in which no ``<``, ``>`` or ``&`` is left, so no
text in it can close the block; no element carries an event handler. The
page circuit's report choices are the program's, with the reports
``--drop`` names. ``assess report`` writes atomically and refuses a path
it cannot write (``unwritable_file``, exit 2).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path

import assess
from assess.render.html import embed_json, report_html
from tests.cli.cli_runner import run
from tests.test_untrusted_text import HOSTILE, HTML

PROGRAM = """\
source s "S <b>bold</b>" reliability B.
indicator a "A".
hypothesis h "H".
report a by s credibility 2 on 2022-12-01 "it is </script> & so".
[r] 0.5::h :- a.
"""
SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
DATA = re.compile(r'<script type="application/json" id="report-data">(.*?)</script>', re.DOTALL)


def _page(text: str = PROGRAM) -> tuple[str, assess.Assessment]:
    a = assess.load(texts={"p.assess": text})
    return report_html(a.report_data(), ["p.assess"], "0"), a


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_embedded_json_cannot_close_its_block_and_reads_back() -> None:
    value = {"quote": "</script><!-- & -->", "n": [1.5, None]}
    text = embed_json(value)
    assert not set("<>&") & set(text)
    assert json.loads(text) == value


def test_every_script_and_style_is_inside_and_allowed_by_its_hash() -> None:
    page, _ = _page()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    rules = dict(part.strip().split(" ", 1) for part in policy.group(1).split(";"))
    assert rules["default-src"] == "'none'"
    assert "connect-src" not in rules  # falls back to default-src 'none'
    scripts = SCRIPT.findall(page)
    assert len(scripts) == 3
    assert rules["script-src"].split() == [_hash(s) for s in scripts]
    (style,) = STYLE.findall(page)
    assert rules["style-src"] == _hash(style)
    assert "unsafe-inline" not in policy.group(1)
    assert not re.search(r"\b(src|href)=\"?(https?:)?//", page)


def test_no_element_carries_an_event_handler_and_the_data_is_inert() -> None:
    page, _ = _page(HOSTILE)
    (data,) = DATA.findall(page)
    outside = page.replace(data, "")
    assert not re.search(r"<[^>]*\son\w+\s*=", outside, re.IGNORECASE)
    assert "<img" not in page
    assert HTML in json.dumps(json.loads(data), ensure_ascii=False)


def test_the_page_data_holds_the_readings_and_the_circuit() -> None:
    page, _ = _page()
    (data,) = DATA.findall(page)
    document = json.loads(data)
    assert document["run"]["hypotheses"][0]["name"] == "h"
    assert abs(document["run"]["hypotheses"][0]["probability"] - 0.4) < 1e-12
    circuit = document["circuit"]
    assert circuit["questions"] == ["h"]
    (choice,) = circuit["choices"]
    position, reports = choice
    assert [r["key"] for r in reports] == ["a@s"]
    assert circuit["base"][position] == 0.8
    assert ["B2", 0.8] in circuit["grades"]
    assert document["words"]["judgements"]["h"]["for"].endswith("\u201cit is </script> & so\u201d.")
    assert document["track"] is None


def test_the_command_writes_the_page_atomically(tmp_path: Path) -> None:
    program = tmp_path / "p.assess"
    program.write_text(PROGRAM, encoding="utf-8")
    out = tmp_path / "r.html"
    done = run("report", str(program), "--output", str(out))
    assert done.code == 0, done.output
    assert done.stdout.strip() == str(out)
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.assess", "r.html"]


def test_an_unwritable_output_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    program = tmp_path / "p.assess"
    program.write_text(PROGRAM, encoding="utf-8")
    done = run("report", str(program), "--output", str(tmp_path / "missing" / "r.html"))
    assert done.code == 2
    assert "unwritable_file" in done.output
    assert "Traceback" not in done.output


def test_track_snapshots_come_from_the_option(tmp_path: Path) -> None:
    rules = tmp_path / "rules.assess"
    rules.write_text('source s "S" reliability B.\nindicator a "A".\nhypothesis h "H".\n'
                     "[r] 0.5::h :- a.\n", encoding="utf-8")
    (tmp_path / "w1.assess").write_text("report a by s credibility 6 on 2022-12-01.\n",
                                        encoding="utf-8")
    (tmp_path / "w2.assess").write_text("report a by s credibility 2 on 2022-12-02.\n",
                                        encoding="utf-8")
    out = tmp_path / "r.html"
    done = run("report", str(rules), str(tmp_path / "w2.assess"), "--output", str(out),
               "--track", str(tmp_path / "w1.assess"), "--track", str(tmp_path / "w2.assess"))
    assert done.code == 0, done.output
    (data,) = DATA.findall(out.read_text(encoding="utf-8"))
    track = json.loads(data)["track"]
    assert [s["name"] for s in track["snapshots"]] == ["w1", "w2"]
    (series,) = [s for s in track["series"] if s["atom"] == "h"]
    assert abs(series["probabilities"][0] - 0.5 * 0.475) < 1e-12  # B6: (0.80 + 0.15) / 2
    assert abs(series["probabilities"][1] - 0.4) < 1e-12


def test_the_package_writes_the_page_as_the_command_does(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    a = assess.load(texts={"p.assess": PROGRAM})
    assert assess.write_report(a, str(out)) == str(out)
    (data,) = DATA.findall(out.read_text(encoding="utf-8"))
    assert json.loads(data)["files"] == ["p.assess"]
