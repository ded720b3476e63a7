"""Speed of ``assess fmt``'s stages on a large synthetic file.

The file repeats a block of every statement kind (facts, long rules that
wrap, disjunctions, declarations, reports with quotes, a scenario) with
comments between and after statements. Prints seconds per stage and
statements per second; ``python bench/fmt_speed.py [BLOCKS]``.
"""

from __future__ import annotations

import sys
import time

from assess.syntax.parser import parse
from assess.syntax.printer import format_source, print_program

BLOCK = """\
% block {i}
edge(n{i}, n{j}).  edge(n{j}, 'N {i}').
path(X, Y) :- edge(X, Z), path(Z, Y), X \\= Y, Z \\= Y, distance(X, Y, D), D < {i}.  % why
0.4::goes{i}(seaside); 0.6::goes{i}(city) :- holiday, \\+ storm.
source s{i} "Source {i}" reliability B derived_from s{j}.
report troops_in_belarus({i}) by s{i} credibility 2 on 2022-12-15 "long enough to wrap".
[r{i}] 0.7::force{i} :- troops_in_belarus(N), N >= 40000 * {i} + 3 ** 2.
scenario "s{i}" {{
    report quiet{i} by s{i} credibility 2.  /* trailing */
    expect force{i} is unlikely.
}}

"""


def main(blocks: int) -> None:
    text = "".join(BLOCK.format(i=i, j=i + 1) for i in range(blocks))
    started = time.perf_counter()
    program = parse(text, "bench.assess")
    parsed = time.perf_counter()
    printed = print_program(program)
    done = time.perf_counter()
    format_source(printed, "bench.assess")
    checked = time.perf_counter()
    count = len(program.statements)
    print(f"{count} statements, {len(program.comments)} comments, {len(text):,} characters")
    print(f"parse {parsed - started:.2f}s  print {done - parsed:.2f}s ", end="")
    print(f"({count / (done - parsed):,.0f} statements/s)")
    print(f"fmt of the canonical text (parse, print, re-parse, compare) {checked - done:.2f}s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
