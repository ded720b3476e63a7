"""``invalid_grade``: a report's credibility is an Admiralty grade, 1 to 6.

The grammar accepts any whole number after ``credibility``; the grading
table (``assess.analysis.grading``) knows 1 (confirmed) to 6 (cannot be
judged). Reliability letters A-F are enforced by the grammar already.

Example: ``report convoy by s credibility 7.`` is one finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.check.walk import all_items
from assess.diagnostics import Diagnostic, error
from assess.syntax import ast

CREDIBILITY_RANGE = range(1, 7)


def check_invalid_grade(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Reports whose credibility is not 1-6."""
    return [
        error(
            "invalid_grade",
            item.span,
            f"credibility {item.credibility} is not a grade: use 1 (confirmed) to "
            "6 (truth cannot be judged)",
        )
        for item in all_items(programs)
        if isinstance(item, ast.Report) and item.credibility not in CREDIBILITY_RANGE
    ]
