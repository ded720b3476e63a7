"""Static checks: one module per check, run in the order of ``CHECKS``.

Each check is a function ``(programs) -> list[Diagnostic]`` over all files of
an invocation together (a predicate defined in the rules file may be used in
an evidence file). Checks never raise on bad input; they report it. Checks
are independent of each other, so the order matters only for reading:
structural checks first, tradecraft last. The renderer sorts the findings by
place anyway; ``CHECKS``'s order decides ties at the same place.

``dependencies`` holds the predicate dependency graph and its SCCs, shared
with the engine's stratification.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assess.analysis.loading import expand, load_reports
from assess.check.competing_sets import check_competing_sets
from assess.check.cycles import check_negative_cycle
from assess.check.directives import split_allowed
from assess.check.drops import check_unmatched_drop
from assess.check.duplicates import check_duplicate_declaration
from assess.check.grades import check_invalid_grade
from assess.check.hypotheses import check_unknown_hypothesis
from assess.check.labels import check_unknown_label
from assess.check.no_disconfirming_indicator import check_no_disconfirming_indicator
from assess.check.non_diagnostic_indicator import check_non_diagnostic_indicator
from assess.check.predicates import check_arity_mismatch, check_undefined_predicate
from assess.check.probabilities import check_invalid_probability
from assess.check.safety import check_unsafe_variable
from assess.check.single_source_hypothesis import check_single_source_hypothesis
from assess.check.singletons import check_singleton_variable
from assess.check.sources import check_unknown_source
from assess.check.superiority import check_superiority_cycle
from assess.check.unreachable_hypothesis import check_unreachable_hypothesis
from assess.check.unused_indicator import check_unused_indicator
from assess.diagnostics import AssessError, Diagnostic
from assess.syntax.ast import Program
from assess.workspace import Workspace

Check = Callable[[Sequence[Program]], list[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    # Structure of the program as a Datalog program.
    check_arity_mismatch,
    check_undefined_predicate,
    check_unsafe_variable,
    check_negative_cycle,
    # Values the grammar accepts but the meaning does not.
    check_invalid_probability,
    check_invalid_grade,
    # The analyst's declarations and what refers to them.
    check_duplicate_declaration,
    check_unknown_source,
    check_unknown_label,
    check_superiority_cycle,
    check_unknown_hypothesis,
    check_competing_sets,
    check_unmatched_drop,
    # Tradecraft: legal but probably not meant (warnings).
    check_singleton_variable,
    # Analytic tradecraft: the argument map as an analysis of competing
    # hypotheses (warnings).
    check_unused_indicator,
    check_unreachable_hypothesis,
    check_no_disconfirming_indicator,
    check_non_diagnostic_indicator,
    check_single_source_hypothesis,
)


def run_checks(programs: Sequence[Program]) -> list[Diagnostic]:
    """Every finding of every check, unsorted (the renderer sorts and caps)."""
    findings: list[Diagnostic] = []
    for check in CHECKS:
        findings.extend(check(programs))
    return findings


def workspace_findings(
    workspace: Workspace, allowed: list[tuple[Diagnostic, str]] | None = None
) -> list[Diagnostic]:
    """Everything ``assess check`` reports on ``workspace``, unsorted: the
    problems of reading and parsing its files, then those of the reports its
    ``load`` statements bring in, then every check's findings (the language
    server's diagnostics are these too) — but the warnings their files allow
    (``% allow``: ``directives``), which go to ``allowed`` with the reason."""
    findings = list(workspace.problems)
    if workspace.programs:
        programs, load_problems = load_reports(
            workspace.programs, workspace.sources, workspace.root)
        kept, excused = split_allowed([*load_problems, *run_checks(programs)], programs)
        findings.extend(kept)
        if allowed is not None:
            allowed.extend(excused)
    return findings


def checked_programs(
    workspace: Workspace, check: bool = True
) -> tuple[list[Program], list[Diagnostic]]:
    """The workspace's programs with their ``load`` statements expanded, and
    the warnings about them that their files do not allow (``% allow``:
    ``directives``); ``AssessError`` with every error found (a file that
    cannot be read, or a check's error)."""
    workspace.raise_problems()
    programs = expand(workspace.programs, workspace.sources, workspace.root)
    findings = run_checks(programs) if check else []
    errors = [d for d in findings if d.is_error]
    if errors:
        raise AssessError(errors)
    warnings, _ = split_allowed(findings, programs)
    return programs, warnings
