"""Rewrite README.md's tables of diagnostic codes from ``assess.codes``.

Run from the repository root: ``python tools/readme_codes.py``. Only the text
between ``<!-- codes: TOPIC -->`` and ``<!-- /codes -->`` changes.
"""

from __future__ import annotations

from pathlib import Path

from assess.render.codes import with_tables

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(with_tables(text), encoding="utf-8")


if __name__ == "__main__":
    main()
