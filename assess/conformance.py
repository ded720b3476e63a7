"""The names the ``datalog-conformance`` suites are given for this project.

The package's users are told to name an evaluator class by its import path
(``--datalog-evaluator assess.conformance.DatalogEvaluator``, and
``assess.conformance.DefeasibleEvaluator`` for the defeasible suites), so
those two names stay here although the adapters live in ``assess.interop``.
This module only re-exports them.

Example::

    >>> from assess.interop.defeasible import DefeasibleEvaluator as Adapter
    >>> DefeasibleEvaluator is Adapter
    True
"""

from __future__ import annotations

from assess.interop.datalog import ConformanceError, DatalogEvaluator
from assess.interop.defeasible import DefeasibleEvaluator

__all__ = ["ConformanceError", "DatalogEvaluator", "DefeasibleEvaluator"]
