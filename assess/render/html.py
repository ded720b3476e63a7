"""The assessment report as one self-contained HTML page.

``report_html(data, files, version)`` builds a page that needs nothing at view time:
its scripts (the vendored graph libraries in ``assets/vendor`` and
``assets/report.js``) and its style (``assets/report.css``) are inside it,
and its data is one JSON document in a ``<script type="application/json">``
block. A Content-Security-Policy ``<meta>`` forbids every fetch (no
``connect-src``, images only as ``data:``, no fonts, frames or forms) and
allows exactly the page's own script and style blocks, by their SHA-256
hashes: inline event handlers (``onclick=``) and injected scripts do not run.

Untrusted text (quotes, names, source descriptions, file names) stays text:
in the JSON block ``<``, ``>`` and ``&`` are written ``\\u003c``, ``\\u003e``,
``\\u0026``, so no sequence in it can close the block; the script puts text
into the page only through ``textContent`` and attributes it sets itself.

The texts beside the numbers are those of the command line, by the same
renderers: each judgement's head, arguments and confidence as ``assess run``
words them (``render.judgement``, with quotes shown whole), a node's ``why``
and ``sensitivity`` as those commands print them.

Example::

    >>> embed_json({"quote": "</script><b>"})
    '{"quote": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assess.explain.judgement_result import Judgement, Judgements
from assess.explain.report import NodeDetail, ReportData
from assess.render import judgement as words
from assess.render.confidence import judged_confidence_text
from assess.render.levers import sensitivity_text
from assess.render.track import positions
from assess.render.why import why_text

ASSETS = Path(__file__).parent / "assets"
SCRIPTS = ("vendor/cytoscape.min.js", "vendor/cytoscape-dagre.min.js", "report.js")
"""The page's scripts, in the order they run."""
STYLE = "report.css"
CYTOSCAPE_STYLE_ID = "__________cytoscape_stylesheet"
"""cytoscape adds a ``<style>`` of its own (which the policy would refuse)
unless an element of this id exists: the page's style block has it."""


def embed_json(value: Any) -> str:
    """``value`` as JSON that can stand inside an HTML ``<script>`` block."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _asset(name: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "<!--" in text:
        raise AssertionError(f"asset {name} cannot stand inside a <script> block")
    return text


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: Sequence[str], style: str) -> str:
    """The Content-Security-Policy of a page with these script and style blocks."""
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_hash(s) for s in scripts),
        f"style-src {_hash(style)}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def report_html(data: ReportData, files: Sequence[str], version: str) -> str:
    """The page of ``data``, the report of ``files`` (see the module docstring)."""
    scripts = [_asset(name) for name in SCRIPTS]
    style = _asset(STYLE)
    title = "Assessment: " + ", ".join(Path(f).name for f in files)
    document = page_data(data, files, version, title)
    blocks = "\n".join(f"<script>{s}</script>" for s in scripts)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy(scripts, style)}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n"
        f"<style id=\"{CYTOSCAPE_STYLE_ID}\">{style}</style>\n</head>\n<body>\n"
        "<noscript>This report draws itself with JavaScript; open it in a browser "
        "that runs scripts.</noscript>\n<div id=\"app\"></div>\n"
        f"<script type=\"application/json\" id=\"report-data\">{embed_json(document)}</script>\n"
        f"{blocks}\n</body>\n</html>\n"
    )


def page_data(data: ReportData, files: Sequence[str], version: str, title: str) -> dict[str, Any]:
    """The page's JSON: the readings' data and the command line's words for them."""
    return {
        "title": title,
        "files": list(files),
        "version": version,
        **data.to_json(),
        "details": {k: _detail(d) for k, d in data.details.items()},
        "words": judgement_words(data.judgements),
        "sensitivity_words": {s.atom: sensitivity_text(s) for s in data.sensitivities},
        "track_positions": None if data.track is None else positions(data.track.snapshots),
    }


def _detail(d: NodeDetail) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if d.why is not None:
        out["why"] = why_text(d.why)
        out["probability"] = d.why.probability
    if d.sensitivity is not None:
        out["sensitivity"] = sensitivity_text(d.sensitivity)
    if d.rule is not None:
        out["rule"] = d.rule.text
        out["place"] = f"{d.rule.file}:{d.rule.line}"
    if d.reports:
        out["reports"] = [
            {"key": r.key, "source": r.source, "description": r.source_description,
             "grade": r.grade, "words": r.reliability_words, "probability": r.probability,
             "date": r.date, "quote": r.quote, "place": f"{r.file}:{r.line}"}
            for r in d.reports
        ]
    return out


def judgement_words(result: Judgements) -> dict[str, Any]:
    """Each set's heading and each judgement's sentences, as ``assess run`` says them."""
    sets: list[dict[str, Any]] = [
        {"name": decl.name, "heading": words.set_heading(decl.name, result.readout(decl.name)),
         "members": [j.name for j in members]}
        for decl in result.ir.competing
        for name, members in result.sets if name == decl.name
    ]
    loose = [j.name for j in result.judgements if j.set is None]
    if loose:
        sets.append({"name": None, "heading": "hypotheses in no competing set",
                     "members": loose})
    return {
        "sets": sets,
        "underived": list(result.underived),
        "judgements": {j.name: _sentences(j) for j in result.judgements},
    }


def _sentences(j: Judgement) -> dict[str, Any]:
    support, against = words.judgement_arguments(j, True, whole=True) or ("", "")
    return {
        "head": words.judgement_head(j),
        "description": j.description,
        "for": support,
        "against": against,
        "contest": words.contest_text(j),
        "confidence": judged_confidence_text(j, True) or "",
    }
