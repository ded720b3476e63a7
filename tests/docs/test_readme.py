"""README.md's examples run as written.

Every fenced code block of the README is either run, by the rules of
``readme_blocks`` (its docstring says what "run" means for each language and
which two commands are not run: ``pip install`` and ``python -m pytest``),
or marked as an illustration by the paragraph before it, which says
``(illustration…``.

The JSON blocks are schemas, marked as illustrations,
and held to what their commands print (``readme_schemas``). The language
block is also run by ProbLog, since the README says a ProbLog program runs
unchanged.
"""

from __future__ import annotations

from functools import cache

import pytest
from problog import get_evaluatable
from problog.program import PrologString

import assess
from tests.docs.readme_blocks import README, Block, Sandbox, blocks, run_block, unaccounted
from tests.docs.readme_schemas import check_schemas

BLOCKS = blocks(README.read_text(encoding="utf-8"))
RUN = [block for block in BLOCKS if not block.illustration]
JSON = [block for block in BLOCKS if block.lang == "json"]


def test_every_block_runs_or_says_it_is_an_illustration() -> None:
    assert not unaccounted(BLOCKS)


def test_the_json_schemas_are_illustrations() -> None:
    assert JSON
    assert all(block.illustration for block in JSON)


@pytest.mark.parametrize("block", RUN, ids=[f"line{b.line}-{b.lang}" for b in RUN])
def test_block_runs_as_written(block: Block, sandbox: Sandbox) -> None:
    run_block(block, sandbox)


@cache
def schema_differences() -> dict[int, list[str]]:
    return check_schemas(JSON)


@pytest.mark.parametrize("block", JSON, ids=[f"line{b.line}-json" for b in JSON])
def test_json_schema_names_the_fields_printed(block: Block) -> None:
    differences = schema_differences()[block.line]
    assert not differences, "\n".join(differences)


def test_the_language_block_is_problog_with_the_same_answers() -> None:
    text = next(b for b in BLOCKS if b.heading == "The language" and b.lang == "prolog").text
    ours = {a.text: a.probability for a in assess.load(texts={"l.assess": text}).prob().answers}
    theirs = get_evaluatable().create_from(PrologString(text)).evaluate()
    assert {str(atom): p for atom, p in theirs.items()} == pytest.approx(ours, abs=1e-9)


def test_the_api_tutorial_is_a_doctest_that_runs(sandbox: Sandbox) -> None:
    """The tour of the Python API is run as a doctest (``run_python``), not shown."""
    (tour,) = [b for b in BLOCKS if b.heading == "Python API" and b.lang == "python"]
    assert ">>>" in tour.text and tour in RUN
    run_block(tour, sandbox)
