"""The README's JSON schemas, each held to what its command prints.

The JSON blocks are schemas with placeholders (``…``, ``|``, shapes named
in capitals; see ``json_schema``), so the README marks them as
illustrations, and none can be run as written. Each is still checked: the
command it describes is run on a small input of the same shape as the
README's examples (``OUTPUTS``), and every object it prints must have the
fields the schema names, no more, no fewer, with values of the types shown.
A shape named in one schema (``REPORT``) may be used by another.
"""

from __future__ import annotations

import contextlib
import json

from tests.cli.cli_runner import run
from tests.docs.json_schema import Schema, problems, read
from tests.docs.readme_blocks import REPO, Block

SNAPSHOTS = "tests/explain/fixtures/snapshots/"
RULES = SNAPSHOTS + "rules.assess"
WEEK1, WEEK2, WEEK3 = (SNAPSHOTS + f"week{n}.assess" for n in (1, 2, 3))
TANKER = ("examples/ach_demo/rules.assess", "examples/ach_demo/evidence.assess")
TWEETY = "tests/semantics/defeasible/fixtures/tweety_penguin.assess"
OUTPUTS = {
    "run": ["run", *TANKER],
    "why": ["why", RULES, WEEK2, "attack"],
    "why --semantics defeasible": ["why", "--semantics", "defeasible", TWEETY, "fly(tweety)"],
    "why-not": ["why-not", RULES, WEEK1, "attack"],
    "what-if": ["what-if", RULES, WEEK2, "--drop", "isw", "--grade", "pentagon=C"],
    "sensitivity": ["sensitivity", RULES, WEEK2, "attack"],
    "graph": ["graph", RULES, WEEK2],
    "track": ["track", RULES, WEEK1, WEEK2, WEEK3],
}
"""The command behind each schema, run from the repository's root; the
schema without a ``command`` is that of one hypothesis of ``assess run``."""


def command_of(schema: Schema) -> str:
    """``why`` for ``{"command": "why", …}``; the semantics too, if it says one."""
    fields = schema.root.fields
    command = str(fields["command"].value) if "command" in fields else "run"
    semantics = fields.get("semantics")
    return command + (f" --semantics {semantics.value}" if semantics else "")


def check_schemas(json_blocks: list[Block]) -> dict[int, list[str]]:
    """For each block (by line), how the output of its command differs from it."""
    schemas = {block.line: read(block.text) for block in json_blocks}
    names = {name: shape for schema in schemas.values() for name, shape in schema.names.items()}
    found: dict[int, list[str]] = {}
    for block in json_blocks:
        schema = Schema(schemas[block.line].root, {**names, **schemas[block.line].names})
        found[block.line] = _differences(block, schema)
    return found


def _differences(block: Block, schema: Schema) -> list[str]:
    command = command_of(schema)
    if command not in OUTPUTS:
        return [f"{block.name}: say in OUTPUTS what {command!r} is checked on"]
    with contextlib.chdir(REPO):
        printed = run(*OUTPUTS[command], "--format", "json")
    if printed.code != 0:
        return [f"assess {command} exits {printed.code}: {printed.output}"]
    document = json.loads(printed.stdout)
    shown = document["hypotheses"] if command == "run" else [document]
    if not shown:
        return [f"assess {command} printed no object to hold to {block.name}"]
    return [f"{block.name}: {problem}" for item in shown for problem in problems(schema, item)]
