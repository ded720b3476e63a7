"""Speed of the explanation commands on the flagship model, stage by stage.

Loads ``rulesets/belarus_2022.assess`` with the article's evidence, then
times: grounding and compiling a session (questions only, and with every
atom's marginal), ``why`` (top-3 proofs and every report's contribution),
``why-not``, ``sensitivity``, one ``what-if`` re-evaluation, and
``--assume`` that joins an existing report. Prints seconds per stage and
how many groundings and compilations each made (calls of the one
compile's ``ground`` and ``compile_model``, counted by wrapping them).
``python bench/explain_speed.py [ATOM]``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import assess
from assess.semantics.prob import compiled as compiled_module

RULES = "rulesets/belarus_2022.assess"
EVIDENCE = "examples/belarus_2022/as_of_article.assess"
MADE = [0, 0]
"""Groundings and compilations made so far (see ``count``)."""


def count() -> None:
    """Wrap the one compile's grounding and compiling so that calls are counted."""
    ground, compile_model = compiled_module.ground, compiled_module.compile_model

    def counted_ground(*args: Any, **kwargs: Any) -> Any:
        MADE[0] += 1
        return ground(*args, **kwargs)

    def counted_compile(*args: Any, **kwargs: Any) -> Any:
        MADE[1] += 1
        return compile_model(*args, **kwargs)

    compiled_module.ground = counted_ground  # type: ignore[assignment]
    compiled_module.compile_model = counted_compile  # type: ignore[assignment]


def timed(name: str, job: Callable[[], Any]) -> Any:
    before = tuple(MADE)
    started = time.perf_counter()
    result = job()
    seconds = time.perf_counter() - started
    made = (MADE[0] - before[0], MADE[1] - before[1])
    print(f"{name:<44} {seconds:7.3f} s   groundings {made[0]}  compilations {made[1]}")
    return result


def main(atom: str) -> None:
    count()
    assessment = timed("load and check", lambda: assess.load(RULES, EVIDENCE))
    ground = assessment.atom(atom)
    timed("compile: questions", lambda: assessment.compile(targets=[ground]))
    timed("compile: every atom's marginal",
          lambda: assessment.compile(targets=[ground], marginals=True))
    timed(f"why {atom} (3 proofs, contributions)", lambda: assessment.why(atom))
    timed(f"why-not {atom}", lambda: assessment.why_not(atom))
    timed(f"sensitivity {atom}", lambda: assessment.sensitivity(atom))
    timed("what-if --drop --grade",
          lambda: assessment.what_if(drop=["belarusian_defectors"], grade=["isw=D"]))
    timed("what-if --assume (joins a report)",
          lambda: assessment.what_if(assume=["troops_in_belarus(12500) by isw credibility 2"]))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "imminent_attack")
