"""Fuzzing ``assess check``: whatever the bytes, an answer and never a crash.

Two generators, each with a fixed, derandomized budget: arbitrary bytes,
and valid programs (every ``.assess`` file of the repository plus a few
inline ones) with characters inserted, deleted or replaced. The command may
accept or refuse the input, but must exit 0, 1 or 2 and print neither a
Python traceback nor "internal error".
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from cli_runner import assert_handled, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]

INLINE = [
    "0.3::burglary.\n0.9::alarm :- burglary, \\+ quake.\nquake.\nquery(alarm).\n",
    "path(X, Y) :- edge(X, Z), path(Z, Y), X \\= Y.\nedge(a, b).\npath(X, Y) :- edge(X, Y).\n",
    "total(X, S) :- a(X, A), b(X, B), S is A + B * 2 - (A mod 3).\na(x, 1). b(x, 2).\n",
    "0.4::goes(seaside); 0.6::goes(city) :- holiday.\nholiday.\nevidence(goes(city), false).\n",
    'source s "S" reliability B derived_from t.\nsource t "T" reliability C.\n'
    'indicator i(n) "I".\nhypothesis h "H".\ncompeting c: h.\n'
    'report i(3) by s credibility 2 on 2022-12-15 "quote".\n'
    "[a] 0.7::h :- i(N), N >= 2.\n[b] 0.8::~h :- \\+ i(4).\n[a] > [b].\ngrade B2 = 0.75.\n",
    'scenario "s" {\n    report i(1) by s credibility 2.\n    expect h is unlikely.\n'
    "    expect h > g.\n    expect probability(h) < 0.2 within 0.01.\n"
    "    expect why(h) cites s.\n    expect fly(t) is defeasibly provable.\n}\n",
    "fly(X) -< bird(X).\n~fly(X) <~ penguin(X).\nconflict fly, walk.\nbird(tweety).\n",
    "/* block */ p(X) :- q(X), not r(X). % line\nq('Quoted atom'). q(\"string\"). r(-2.5e3).\n",
]


def corpus() -> list[str]:
    files = sorted(
        path
        for folder in ("rulesets", "examples", "tests")
        for path in (REPO / folder).rglob("*.assess")
    )
    return [path.read_text(encoding="utf-8") for path in files] + INLINE


CORPUS = corpus()
ALPHABET = st.sampled_from(list(".,:-()[]{};~\\+=<>'\"%/*_ \n\taXZ09#é\u2028\x00\xff"))


@st.composite
def mutated_programs(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        char = draw(st.one_of(ALPHABET, st.characters()))
        if kind == "insert":
            text = text[:position] + char + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + 1 :]
        else:
            text = text[:position] + char + text[position + 1 :]
    return text


def check_bytes(*contents: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, content in enumerate(contents):
            path = Path(folder) / f"f{number}.assess"
            path.write_bytes(content)
            paths.append(str(path))
        assert_handled(run("check", *paths))
        assert_handled(run("check", "--format", "json", *paths))


FUZZ = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(content: bytes) -> None:
    check_bytes(content)


@FUZZ
@given(mutated_programs())
def test_mutated_programs(text: str) -> None:
    check_bytes(text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(mutated_programs(), mutated_programs())
def test_mutated_programs_checked_together(first: str, second: str) -> None:
    check_bytes(first.encode("utf-8", "surrogatepass"), second.encode("utf-8", "surrogatepass"))
