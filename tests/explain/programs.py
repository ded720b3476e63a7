"""Random small assessment programs for the explanation property tests.

Sources s0 (B), s1 (C), s2 (D) and s3 (B, derived from s0: one origin with
s0); nullary indicators i0…i3, each reported by a random set of sources at
random credibilities; intermediate conclusions m0, m1 and the hypothesis
h, each derived by one to three labelled, weighted rules over lower layers
(h may also need an indicator to fail). ``[rv]`` has two ground instances
(over ``level(1)``, ``level(2)``), so a label's weight is sometimes a
polynomial rather than linear. Sometimes ``[rc]`` argues for ``~h`` (an
attack under ``prob``), and sometimes the last rule for h is superior to it.
"""

from __future__ import annotations

from hypothesis import strategies as st

SOURCES = 'source s0 "S0" reliability B.\nsource s1 "S1" reliability C.\n' \
          'source s2 "S2" reliability D.\nsource s3 "S3" reliability B derived_from s0.\n'
INDICATORS = [f"i{i}" for i in range(4)]
WEIGHTS = [0.2, 0.3, 0.5, 0.6, 0.7, 0.9]


@st.composite
def program(draw: st.DrawFn) -> str:
    lines = [SOURCES, "hypothesis h \"H\".", "level(1). level(2)."]
    lines += [f'indicator {i} "{i}".' for i in INDICATORS]
    for i in INDICATORS:
        for s in draw(st.lists(st.sampled_from(["s0", "s1", "s2", "s3"]), max_size=2, unique=True)):
            lines.append(f"report {i} by {s} credibility {draw(st.integers(1, 5))}.")
    layers = {"m0": INDICATORS, "m1": [*INDICATORS, "m0"], "h": [*INDICATORS, "m0", "m1"]}
    n = 0
    for head, below in layers.items():
        for _ in range(draw(st.integers(1, 3))):
            body = draw(st.lists(st.sampled_from(below), min_size=1, max_size=2, unique=True))
            if head == "h" and draw(st.booleans()):
                body.append("\\+ " + draw(st.sampled_from(INDICATORS)))
            lines.append(f"[r{n}] {draw(st.sampled_from(WEIGHTS))}::{head} :- {', '.join(body)}.")
            n += 1
    if draw(st.booleans()):
        lines.append(f"[rv] 0.5::m1 :- level(_X), {draw(st.sampled_from(INDICATORS))}.")
    if draw(st.booleans()):
        attack = draw(st.sampled_from([*INDICATORS, "m0"]))
        lines.append(f"[rc] {draw(st.sampled_from(WEIGHTS))}::~h :- {attack}.")
        if draw(st.booleans()):
            lines.append(f"[r{n - 1}] > [rc].")
    return "\n".join(lines) + "\n"
