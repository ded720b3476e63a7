"""assess: weigh competing hypotheses against uneven evidence, and explain why.

``assess.load(*paths, texts=None)`` returns an ``Assessment`` whose methods
(``run()``, ``why(atom)``, …) give typed results; see ``assess.api``.

The face is imported when first asked for (``assess.load``, ``from assess
import Assessment``), not with the package: ``python -m assess --version``
and ``assess check`` do not pay for the engine and the semantics.
``__version__`` is the one home of the version (hatch reads it for the
package's metadata), so asking for it costs nothing.

``write_report(assessment, path)`` writes the HTML report of an assessment
(``assess report``): the face gives its content (``Assessment.report_data``),
the renderer its page, and only this package and the command line may
call a renderer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assess.api import AssessError, Assessment, AssessWarning, UnknownName, load, track
    from assess.explain.track import TrackResult

__version__ = "0.1.0"

__all__ = [
    "AssessError", "AssessWarning", "Assessment", "UnknownName", "__version__", "load", "track",
    "write_report",
]


def write_report(
    assessment: Assessment, path: str, track: TrackResult | None = None
) -> str:
    """Write the HTML report of ``assessment`` to ``path`` atomically, as
    ``assess report`` does (``track``: see ``Assessment.report_data``); the path."""
    from assess.cli.files import replace_text
    from assess.render.html import report_html

    files = [p.file for p in assessment.programs]
    replace_text(path, report_html(assessment.report_data(track), files, __version__))
    return path


def __getattr__(name: str) -> Any:
    if name in __all__:
        from assess import api

        return getattr(api, name)
    raise AttributeError(f"module 'assess' has no attribute {name!r}")
