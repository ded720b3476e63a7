"""The catalogue of codes as README.md's Markdown tables.

One table per ``Topic``, rows in catalogue order: the code in backticks, a
warning marked ``(warning)`` after it, then its meaning. In README.md each
table stands between ``<!-- codes: TOPIC -->`` and ``<!-- /codes -->``
(a blank line on either side of it);
``with_tables`` rewrites them from the catalogue (``tools/readme_codes.py``
runs it) and a test holds that it changes nothing.

Example::

    >>> print(codes_table(Topic.CHECK).splitlines()[2])
    | `syntax_error` | text the grammar does not accept |
"""

from __future__ import annotations

import re

from assess.codes import CODES, Severity, Topic

HEADINGS = {Topic.CHECK: "finds"}
"""The second column's heading where it is not "means"."""

_MARKED = re.compile(r"(<!-- codes: ([a-z-]+) -->\n)(.*?)(<!-- /codes -->)", re.DOTALL)


def codes_table(topic: Topic) -> str:
    """The Markdown table of ``topic``'s codes, ending in a newline."""
    rows = [f"| code | {HEADINGS.get(topic, 'means')} |", "|---|---|"]
    for code in CODES.values():
        if code.topic is topic:
            mark = " (warning)" if code.severity is Severity.WARNING else ""
            rows.append(f"| `{code.name}`{mark} | {code.meaning} |")
    return "\n".join(rows) + "\n"


def marked_topics(readme: str) -> list[Topic]:
    """The topics whose tables ``readme`` marks, in order."""
    return [Topic(match.group(2)) for match in _MARKED.finditer(readme)]


def with_tables(readme: str) -> str:
    """``readme`` with each marked table replaced by the catalogue's."""
    return _MARKED.sub(
        lambda m: f"{m.group(1)}\n{codes_table(Topic(m.group(2)))}\n{m.group(4)}", readme
    )
