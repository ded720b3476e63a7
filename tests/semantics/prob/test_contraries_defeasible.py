"""Where nothing is uncertain, ``prob`` contraries agree with ``defeasible``.

Random flat programs: certain facts among ``e0..e3``; defeasible rules and
defeaters (bodies of facts, some negated) for ``p``, ``~p``, ``s``, ``~s``;
random superiority; sometimes ``conflict p, s.``. With no weights there is
one world, so every ``prob`` answer is 0 or 1, and it must be 1 exactly
when ``defeasible`` (ambiguity blocking) proves the literal +∂: both
readings take the contrary and the declared partner as attackers, superiority
by labels, team defeat, defeaters that only attack. Without defeaters,
P(contested) is 1 exactly when the defeasible status is *contested* (with
defeaters ``prob`` also counts an undefeated defeater as the other side).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import assess

FACTS = ("e0", "e1", "e2", "e3")
LITERALS = ("p", "~p", "s", "~s")


@st.composite
def programs(draw: st.DrawFn) -> tuple[str, list[str], bool]:
    lines = [f"{f}." for f in FACTS if draw(st.booleans())]
    labels: list[str] = []
    heads: set[str] = set()
    defeaters = False
    for head in LITERALS:
        low = 1 if head in ("p", "s") else 0
        for _ in range(draw(st.integers(low, 2))):
            atoms = draw(st.lists(st.sampled_from(FACTS), min_size=1, max_size=2, unique=True))
            body = ", ".join(a if draw(st.booleans()) else f"\\+ {a}" for a in atoms)
            defeater = draw(st.integers(0, 3)) == 0
            if not defeater:
                heads.add(head)
            defeaters |= defeater
            neck = "<~" if defeater else "-<"
            labels.append(f"r{len(labels)}")
            lines.append(f"[{labels[-1]}] {head} {neck} {body}.")
    pairs = draw(st.lists(st.tuples(st.sampled_from(labels), st.sampled_from(labels)), max_size=5))
    lines += [f"[{a}] > [{b}]." for a, b in sorted(set(pairs)) if a != b]
    lines += ["conflict p, s."] if draw(st.booleans()) else []
    asked = [x for x in LITERALS if x in heads]
    lines += [f"query({x})." for x in asked]
    return "\n".join(lines), asked, defeaters


@settings(max_examples=120, deadline=None, derandomize=True)
@given(programs())
def test_certain_programs_read_alike(program: tuple[str, list[str], bool]) -> None:
    text, asked, defeaters = program
    loaded = assess.load(texts={"c.assess": text}, check=False)
    prob = {a.text: a for a in loaded.prob().answers}
    defeasible = {a.text: a for a in loaded.defeasible().answers}
    for x in asked:
        p = prob[x]
        assert p.probability in (0.0, 1.0), (x, p, text)
        assert (p.probability == 1.0) == defeasible[x].defeasibly, (x, p, defeasible[x], text)
        if not defeaters:
            contested = defeasible[x].status == "contested"
            assert (p.contested == 1.0) == contested, (x, p, defeasible[x], text)
