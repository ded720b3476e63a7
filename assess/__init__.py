"""assess: weigh competing hypotheses against uneven evidence, and explain why.

``assess.load(*paths, texts=None)`` returns an ``Assessment`` whose methods
(``run()``, ``why(atom)``, …) give typed results; see ``assess.api``.

The face is imported when first asked for (``assess.load``, ``from assess
import Assessment``), not with the package: ``python -m assess --version``
and ``assess check`` do not pay for the engine and the semantics.
``__version__`` is the one home of the version (hatch reads it for the
package's metadata), so asking for it costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assess.api import AssessError, Assessment, AssessWarning, UnknownName, load, track

__version__ = "0.1.0"

__all__ = [
    "AssessError", "AssessWarning", "Assessment", "UnknownName", "__version__", "load", "track",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from assess import api

        return getattr(api, name)
    raise AttributeError(f"module 'assess' has no attribute {name!r}")
