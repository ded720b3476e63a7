"""The flagship assessment, loaded, compiled and judged once per test
process: judging it takes about 40 s, and several test modules read it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import assess
from assess.api import Assessment
from assess.explain.judgement import judge
from assess.explain.judgement_result import Judgements
from assess.semantics.prob.compiled import Compiled

ROOT = Path(__file__).parents[2]
FLAGSHIP = [str(ROOT / "rulesets" / "belarus_2022.assess"),
            *sorted(str(p) for p in (ROOT / "examples" / "belarus_2022").glob("*.assess"))]


@cache
def flagship() -> tuple[Assessment, Compiled, Judgements]:
    """The flagship's assessment, its compiled model and its judgements
    (``Assessment.assess()`` is ``judge`` of that compile)."""
    assessment = assess.load(*FLAGSHIP)
    compiled = assessment.compile()
    return assessment, compiled, judge(compiled)
