"""assess: weigh competing hypotheses against uneven evidence, and explain why.

``assess.load(*paths, texts=None)`` returns an ``Assessment`` whose methods
(``run()``, ``why(atom)``, …) give typed results; see ``assess.api``.
``assess.__version__`` is read from the installed package's metadata when
first asked for, so ``import assess`` does not pay for it.
"""

from __future__ import annotations

from typing import Any

from assess.api import AssessError, Assessment, AssessWarning, UnknownName, load, track

__all__ = [
    "AssessError", "AssessWarning", "Assessment", "UnknownName", "__version__", "load", "track",
]

__version__: str


def __getattr__(name: str) -> Any:
    if name == "__version__":
        global __version__
        from importlib.metadata import PackageNotFoundError, version

        try:
            __version__ = version("assess")
        except PackageNotFoundError:  # run from a source tree that is not installed
            __version__ = "0+unknown"
        return __version__
    raise AttributeError(f"module 'assess' has no attribute {name!r}")
