"""ICD 203 terms: every band edge, the scale's ends, symmetry, printing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.analysis import icd203
from assess.syntax.ast import Estimate

E = Estimate

# (probability, expected term): every edge falls on the side nearer 50 %.
EDGES = [
    (0.0, E.ALMOST_NO_CHANCE),
    (0.009, E.ALMOST_NO_CHANCE),
    (0.01, E.ALMOST_NO_CHANCE),
    (0.049, E.ALMOST_NO_CHANCE),
    (0.05, E.VERY_UNLIKELY),
    (0.051, E.VERY_UNLIKELY),
    (0.199, E.VERY_UNLIKELY),
    (0.20, E.UNLIKELY),
    (0.449, E.UNLIKELY),
    (0.45, E.ROUGHLY_EVEN_CHANCE),
    (0.50, E.ROUGHLY_EVEN_CHANCE),
    (0.55, E.ROUGHLY_EVEN_CHANCE),
    (0.551, E.LIKELY),
    (0.80, E.LIKELY),
    (0.801, E.VERY_LIKELY),
    (0.95, E.VERY_LIKELY),
    (0.951, E.ALMOST_CERTAIN),
    (0.99, E.ALMOST_CERTAIN),
    (0.991, E.ALMOST_CERTAIN),
    (1.0, E.ALMOST_CERTAIN),
]


@pytest.mark.parametrize(("probability", "term"), EDGES)
def test_band_edges(probability: float, term: Estimate) -> None:
    assert icd203.estimate(probability) is term


@pytest.mark.parametrize("edge", [0.05, 0.20, 0.45, 0.55, 0.80, 0.95])
def test_float_noise_at_an_edge_does_not_strengthen_the_term(edge: float) -> None:
    on_edge = icd203.estimate(edge)
    assert icd203.estimate(edge + 1e-12) is on_edge
    assert icd203.estimate(edge - 1e-12) is on_edge


def test_the_enum_and_the_bands_agree() -> None:
    assert [b.estimate for b in icd203.BANDS] == list(Estimate)
    lows = [b.low for b in icd203.BANDS]
    highs = [b.high for b in icd203.BANDS]
    assert lows[1:] == highs[:-1]
    assert (lows[0], highs[-1]) == (0.01, 0.99)


@settings(derandomize=True, max_examples=300)
@given(st.floats(min_value=0.0, max_value=1.0))
def test_the_complement_gets_the_mirrored_term(p: float) -> None:
    assert icd203.estimate(1.0 - p) is icd203.mirror(icd203.estimate(p))


@settings(derandomize=True, max_examples=300)
@given(st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.0, max_value=1.0))
def test_terms_are_monotone(p: float, q: float) -> None:
    low, high = sorted((p, q))
    assert icd203.band_index(low) <= icd203.band_index(high)


@pytest.mark.parametrize(
    ("probability", "words"),
    [
        (0.0, "no chance on this evidence (0 %)"),
        (0.0001, "remote (below 1 %)"),
        (0.01, "almost no chance"),
        (0.62, "likely"),
        (0.99, "almost certain"),
        (0.995, "nearly certain (above 99 %)"),
        (1.0, "certain on this evidence (100 %)"),
    ],
)
def test_phrase_beyond_the_scale(probability: float, words: str) -> None:
    assert icd203.phrase(probability) == words


@pytest.mark.parametrize(
    ("probability", "text"),
    [(0.0, "0 %"), (0.004, "0.4 %"), (0.62, "62 %"), (0.9997, "99.97 %"), (1.0, "100 %")],
)
def test_percent(probability: float, text: str) -> None:
    assert icd203.percent(probability) == text


def test_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        icd203.estimate(1.3)


def test_parse_term_and_next_edges() -> None:
    assert icd203.parse_term("Roughly  even chance") is E.ROUGHLY_EVEN_CHANCE
    assert icd203.parse_term("probable") is None
    assert icd203.next_edges(0.62) == (0.55, 0.80)
    assert icd203.next_edges(0.003) == (None, 0.05)
    assert icd203.next_edges(0.999) == (0.95, None)
    assert str(icd203.band(E.LIKELY)) == "likely (55–80 %)"
