"""The README checker finds every block and fails when a block breaks.

Each breakage is made in a temporary copy of README.md's text: one block
changed, the copy's blocks extracted again, and that block run.
"""

from __future__ import annotations

import doctest
import re

import pytest

from tests.docs import json_schema, readme_blocks
from tests.docs.readme_blocks import (
    README,
    Block,
    Sandbox,
    blocks,
    console_commands,
    matches,
    run_block,
    unaccounted,
)
from tests.docs.readme_schemas import check_schemas

PAGE = """# Title

Runs:

```sh
ls
```

A shape (illustration: a schema):

```json
{"a": …}
```

## Output

```
text with no language
```
"""


@pytest.mark.parametrize("module", [readme_blocks, json_schema])
def test_the_docstring_examples_hold(module: object) -> None:
    assert doctest.testmod(module).failed == 0


def test_blocks_have_their_line_language_heading_and_marker() -> None:
    found = [(b.line, b.lang, b.text, b.heading, b.illustration) for b in blocks(PAGE)]
    assert found == [
        (5, "sh", "ls\n", "Title", False),
        (11, "json", '{"a": …}\n', "Title", True),
        (17, "", "text with no language\n", "Output", False),
    ]


def test_a_block_neither_runnable_nor_marked_is_reported() -> None:
    assert unaccounted(blocks(PAGE)) == ["README.md:17 (no language, Output)"]


def test_an_unclosed_block_is_an_error() -> None:
    with pytest.raises(AssertionError, match="never closed"):
        blocks("```sh\nls\n")


def test_an_ellipsis_elides_text_within_a_line_or_whole_lines() -> None:
    assert matches("P = …/(…)\n  …\n  = 1/2", "P = a/(b)\n  a = 1\n  b = 2\n  = 1/2\n")
    assert matches("x\n…\ny", "x\ny")
    assert not matches("x …", "x a\nb")
    assert not matches("burglary  0.3888", "burglary  0.3889")


def test_console_output_belongs_to_the_command_above_it() -> None:
    block = Block(1, "console", "$ a\none\n$ b\n", "", False)
    assert console_commands(block) == [(2, "a", "one"), (4, "b", "")]
    with pytest.raises(AssertionError, match="before any"):
        console_commands(Block(1, "console", "output\n$ a\n", "", False))


def broken(old: str, new: str) -> Block:
    """The block of a copy of README.md in which ``old`` became ``new``."""
    text = README.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is no longer in README.md once"
    changed = text.replace(old, new)
    before = {(b.lang, b.text) for b in blocks(text)}
    (block,) = [b for b in blocks(changed) if (b.lang, b.text) not in before]
    if block.lang != "sh":
        return block
    # The lines of a shell block run one by one: keep only the broken one.
    (line,) = [line for line in block.text.splitlines() if new in line]
    return Block(block.line, block.lang, line + "\n", block.heading, block.illustration)


BREAKAGES = {
    "prolog": ("0.1::quake.\n", "", "undefined_predicate"),
    "scenario": (
        "expect imminent_attack is likely.",
        "expect imminent_attack is unlikely.",
        "1 failed",
    ),
    "sh": (
        "pip install . && assess run rulesets/belarus_2022.assess",
        "pip install . && assess run rulesets/belarus_2021.assess",
        "exit 2",
    ),
    "pip extra": ("pip install '.[test]'", "pip install '.[tests]'", r"no extra \[tests\]"),
    "console": ("burglary    0.3888  unlikely", "burglary    0.3889  unlikely", "output differs"),
    "python": ('.estimate.value == "likely"', '.estimate.value == "unlikely"', "AssertionError"),
    "doctest": ("[Fraction(229, 589), ", "[Fraction(230, 589), ", "Failed example"),
}


@pytest.mark.parametrize("kind", BREAKAGES)
def test_a_broken_block_fails(kind: str, sandbox: Sandbox) -> None:
    old, new, message = BREAKAGES[kind]
    block = broken(old, new)
    with pytest.raises(AssertionError, match=message):
        run_block(block, sandbox)


SCHEMA_BREAKAGES = {
    "a field the output has": ('          "shared": false}', "          }", r"\['shared'\]"),
    "a value the output takes": (
        '"kind": "report" | "rule" | "source"',
        '"kind": "report" | "rule"',
        "'source' is not one of 'report', 'rule'",
    ),
    "a command": ('{"command": "graph"', '{"command": "graphs"', "say in OUTPUTS"),
}


@pytest.mark.parametrize("kind", SCHEMA_BREAKAGES)
def test_a_schema_that_no_longer_fits_the_output_is_found(kind: str) -> None:
    old, new, message = SCHEMA_BREAKAGES[kind]
    block = broken(old, new)
    differences = check_schemas([block])[block.line]
    assert differences
    assert re.search(message, "\n".join(differences))
