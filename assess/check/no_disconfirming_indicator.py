"""``no_disconfirming_indicator`` (a warning): nothing can count against a hypothesis.

Analysis of competing hypotheses rests on disconfirmation: a hypothesis that
no observation could weaken is not being tested. An indicator counts against
``h`` when a chain of rules links it to ``~h`` or to a predicate declared in
``conflict`` with ``h``, or links it to ``h`` through an odd number of
negations (``h :- a, \\+ calm.``: a report of ``calm`` blocks that
argument). See ``assess.check.influence``.

Support for a rival in the same competing set does not count: the
probabilistic reading does not make competing hypotheses exclusive unless
the rules say so (with ``~`` or ``conflict``) or the set is declared
``exclusive``, where it counts (``assess.check.influence``).

Example: ``hypothesis attack "…".`` with only ``[a] 0.7::attack :- convoy.``
is one finding at the declaration; adding ``[b] 0.6::~attack :- talks.``
removes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.check.influence import hypotheses_without
from assess.diagnostics import Diagnostic, warning
from assess.syntax import ast


def check_no_disconfirming_indicator(programs: Sequence[ast.Program]) -> list[Diagnostic]:
    """Hypotheses that no indicator can count against."""
    return [
        warning(
            "no_disconfirming_indicator",
            decl.span,
            f"no indicator can count against hypothesis {decl.name}: add an argument "
            f"for ~{decl.name} (or a conflicting hypothesis) that evidence could trigger",
        )
        for decl in hypotheses_without(programs, 1)
    ]
