"""Speed of the explanation commands on the flagship model, stage by stage.

Loads ``rulesets/belarus_2022.assess`` with the article's evidence, then
times: grounding and compiling a session (questions only, and with every
atom's marginal), ``why`` (top-3 proofs and every report's contribution),
``why-not``, ``sensitivity``, one ``what-if`` re-evaluation, and
``--assume`` that joins an existing report. Prints seconds per stage and
how many groundings and compilations each made (``session.STATS``).
``python bench/explain_speed.py [ATOM]``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import assess
from assess.explain import session as session_module
from assess.explain.abduce import why_not
from assess.explain.changes import make_change
from assess.explain.sensitivity import sensitivity
from assess.explain.session import Session, parse_atom
from assess.explain.whatif import what_if
from assess.explain.why import why

RULES = "rulesets/belarus_2022.assess"
EVIDENCE = "examples/belarus_2022/as_of_article.assess"


def timed(name: str, job: Callable[[], Any]) -> Any:
    stats = session_module.STATS
    before = (stats.groundings, stats.compilations)
    started = time.perf_counter()
    result = job()
    seconds = time.perf_counter() - started
    made = (stats.groundings - before[0], stats.compilations - before[1])
    print(f"{name:<44} {seconds:7.3f} s   groundings {made[0]}  compilations {made[1]}")
    return result


def main(atom_text: str) -> None:
    atom = parse_atom(atom_text)
    assessment = timed("load and check", lambda: assess.load(RULES, EVIDENCE))
    plain = timed("session: questions", lambda: Session(assessment.ir, [atom]))
    full = timed("session: every atom's marginal", lambda: Session(assessment.ir, [atom],
                                                                   marginals=True))
    timed(f"why {atom_text} (3 proofs, contributions)", lambda: why(full, atom))
    timed(f"why-not {atom_text}", lambda: why_not(assessment, full, atom))
    timed(f"sensitivity {atom_text}", lambda: sensitivity(plain, atom))
    change = make_change(plain.ir, [], ["belarusian_defectors"], ["isw=D"], [])
    timed("what-if --drop --grade", lambda: what_if(assessment, plain, change))
    join = make_change(plain.ir, ["troops_in_belarus(12500) by isw credibility 2"], [], [], [])
    timed("what-if --assume (joins a report)", lambda: what_if(assessment, plain, join))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "imminent_attack")
