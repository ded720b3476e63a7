"""The catalogue: every diagnostic code assess emits, its severity, its meaning.

A code is stable snake_case and means one thing wherever it is raised (the
checker and the engine both say ``unsafe_variable``). ``Diagnostic`` refuses
a code that is not catalogued here, or a severity other than the catalogued
one: that is a bug in assess, never bad input. A test scans the source for
every code passed to ``error`` and ``warning``, so a path no test reaches
cannot hide an uncatalogued code; README.md's tables of codes are printed
from this catalogue (``tools/readme_codes.py``) and a test keeps them equal.

Each code belongs to the README table that documents it (``Topic``). The
``load_…`` codes are derived: ``load "x.csv".`` of a file that cannot be
read reports the reading code with a ``load_`` prefix, at the statement.

Example::

    >>> CODES["unsafe_variable"].severity.value
    'error'
    >>> CODES["load_not_utf8"].topic is Topic.FILES
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Topic(StrEnum):
    """Which README table documents a code."""

    CHECK = "check"
    FILES = "files"
    CSV = "csv"
    RUN = "run"
    COMMAND_LINE = "command-line"


@dataclass(frozen=True, slots=True)
class Code:
    """One catalogued code; ``meaning`` is its README row (Markdown)."""

    name: str
    severity: Severity
    topic: Topic
    meaning: str


def _error(topic: Topic, name: str, meaning: str) -> Code:
    return Code(name, Severity.ERROR, topic, meaning)


def _warning(name: str, meaning: str) -> Code:
    return Code(name, Severity.WARNING, Topic.CHECK, meaning)


_CHECKS = (
    _error(Topic.CHECK, "syntax_error", "text the grammar does not accept"),
    _error(
        Topic.CHECK, "invalid_number",
        "a number too large to represent, at the number: a float past about 1.8e308 "
        "(`1e309`, which would be read as infinity) or an integer of more than 4,000 digits",
    ),
    _error(
        Topic.CHECK, "arity_mismatch",
        "`p(a)` used where only `p/2` is defined; a report or rule off its indicator's "
        "declared arity (`p/1` and `p/2` both *defined* is legal, as in Prolog)",
    ),
    _error(
        Topic.CHECK, "undefined_predicate",
        "a name used in a body, query, evidence, expectation or `conflict` that no fact, "
        "rule, report, `indicator` or `hypothesis` defines (`true` is built in); the "
        "closest known name is suggested. Also an atom or predicate named on the command "
        "line (`why`, `why-not`, `sensitivity`, `formula`, `--all`) that the program never "
        "mentions: exit 1",
    ),
    _error(
        Topic.CHECK, "unsafe_variable",
        "a variable in a head, under negation, in a comparison or right of `is` that no "
        "positive body literal binds (`X = c` and `X is e` bind; body order does not "
        "matter; `_` is fine under negation); a variable in a report or evidence. In a "
        "rule a query or evidence depends on, the head's variables are bound by the call "
        "(ProbLog's reading); there, at the rule when `prob` runs: a built-in or `\\+` "
        "called with a variable free that it needs bound, a probabilistic clause's "
        "instance that is not ground",
    ),
    _error(
        Topic.CHECK, "negative_cycle",
        "negation inside recursion, naming every predicate and rule (file:line) of the cycle",
    ),
    _error(
        Topic.CHECK, "invalid_probability",
        "a weight, a grade override or an expected bound outside [0, 1]; an annotated "
        "disjunction summing above 1 (tolerance 1e-9)",
    ),
    _error(
        Topic.CHECK, "invalid_grade",
        "a credibility outside 1-6; a `--grade` whose reliability is not A-F",
    ),
    _error(
        Topic.CHECK, "duplicate_declaration",
        "a source, indicator/hypothesis, competing set, grade override, scenario or rule "
        "label declared twice (scenario labels are scoped to their scenario)",
    ),
    _error(
        Topic.CHECK, "unknown_source",
        "a report (in a CSV file or `--assume` too), `derived_from`, `expect … cites` or "
        "`--grade` naming an undeclared source (from the command line: exit 1, the "
        "closest name suggested)",
    ),
    _error(
        Topic.CHECK, "unsupported_term",
        "arithmetic written as an argument (`p(X + 1)`, ProbLog's compound term "
        "`+(X, 1)`), at the term",
    ),
    _error(
        Topic.CHECK, "unsupported_builtin",
        "a call of a ProbLog built-in or library predicate that assess does not provide "
        "(`assertz/1`, `var/1`, `select/3`, `write/1`, …) and the program does not define, "
        "at the call; a variable or a number as a goal; `call/N` whose goal is not a "
        "predicate name or an atom",
    ),
    _error(
        Topic.CHECK, "unsupported_directive",
        "a directive `:- goal.` other than `:- use_module(library(lists)).` and "
        "`:- unknown(fail).` (or `error`), naming it",
    ),
    _error(
        Topic.CHECK, "unsupported_scope",
        "a scoped atom `scope:atom` (ProbLog's `library(scope)`)",
    ),
    _error(
        Topic.CHECK, "unsupported_negative_head",
        "a negated head `P::\\+a :- …` (ProbLog's negative head literal)",
    ),
    _error(
        Topic.CHECK, "unsupported_flexible_probability",
        "a flexible probability (one with variables) on a head of an annotated disjunction",
    ),
    _error(
        Topic.CHECK, "unsupported_query_body",
        "a query with a body (a clause of `query/1`, `query(q(X)) :- r(X).`) that asks "
        "for a negation or a contrary, or is written with a neck other than `:-`; any, "
        "under `crisp` or `defeasible` (only `prob` finds the queries it makes)"),
    _error(
        Topic.CHECK, "unsupported_if_then_else",
        "an if-then-else `(C -> T ; E)` whose condition binds a variable that T, the "
        "rest of the rule or its head reads (Prolog would keep only C's first solution)",
    ),
    _error(Topic.CHECK, "unknown_label", "a superiority naming a label no rule carries"),
    _error(
        Topic.CHECK, "superiority_cycle",
        "superiority that goes round (`[a] > [b]. [b] > [a].`, or `[a] > [a].`), naming "
        "every label and statement on the cycle",
    ),
    _error(Topic.CHECK, "unknown_hypothesis", "a competing set naming an undeclared hypothesis"),
    _error(
        Topic.CHECK, "exclusive_parameters",
        "an exclusive competing set naming a hypothesis declared with parameters",
    ),
    _error(
        Topic.CHECK, "condition_not_ground",
        "the `given` condition of a competing set holding a variable",
    ),
    _error(
        Topic.CHECK, "unmatched_drop",
        "a scenario's `drop` that matches none of the reports the scenario runs with (its "
        "file's, the programs it loads, its own)",
    ),
    _warning(
        "singleton_variable",
        "a named variable that occurs once in a clause (`_X` says it is meant)",
    ),
    _warning(
        "unused_indicator",
        "an indicator that no rule body reads: its reports change nothing",
    ),
    _warning(
        "unreachable_hypothesis",
        "a hypothesis that no indicator can support (no chain of rules from an indicator "
        "with an even number of negations): it rests on priors or nothing",
    ),
    _warning(
        "no_disconfirming_indicator",
        "a hypothesis that no indicator can count against (via `~h`, a `conflict`, or a "
        "negated premise); support for a rival does not count, since competing hypotheses "
        "are not exclusive unless the rules say so",
    ),
    _warning(
        "non_diagnostic_indicator",
        "an indicator that discriminates within no competing set: in each set it bears "
        "identically (same strongest supporting and opposing route weights) on every "
        "member, or on none",
    ),
    _warning(
        "single_source_hypothesis",
        "a hypothesis that every route reaches only through one origin's reports (an origin "
        "is a source with those linked to it by `derived_from`); priors are not evidence",
    ),
)

READING = (
    _error(
        Topic.FILES, "file_not_found",
        "a file (or, for `assess test`, a folder) that does not exist",
    ),
    _error(
        Topic.FILES, "is_a_directory",
        "a directory where a file is expected (for `check` and `fmt`, a folder holding no "
        "`.assess` file)",
    ),
    _error(
        Topic.FILES, "unreadable_file",
        "a file the system will not let us read (permissions, I/O)",
    ),
    _error(
        Topic.FILES, "file_too_large",
        "a file over 64 MB, where reading stops (so `/dev/zero` is refused, not read "
        "forever)",
    ),
    _error(
        Topic.FILES, "binary_file",
        "a file holding a NUL byte, at the line and column of the first",
    ),
    _error(Topic.FILES, "not_utf8", "text that is not UTF-8, at the first bad byte"),
    _error(Topic.FILES, "empty_file", "a file of nothing but white space"),
    _error(
        Topic.FILES, "control_character",
        "a control character (but tab, line feed, form feed, carriage return) or a "
        "bidirectional override, at its line and column: printed, it would act on the "
        "terminal or reorder the text around it",
    ),
    _error(
        Topic.FILES, "line_too_long",
        "a line over 100,000 characters, which no hand-written program has",
    ),
)
"""What ``read_source`` refuses; each has a ``load_`` twin."""

_FILES = (
    *READING,
    _error(
        Topic.FILES, "unwritable_file",
        "`assess fmt` cannot write a file back (full disk, permissions): the file is left "
        "as it was",
    ),
    _error(
        Topic.FILES, "not_scenario_item",
        "a file loaded inside a scenario holding what a scenario cannot (a declaration, "
        "query, `evidence`, superiority, grade override or scenario), at that statement",
    ),
    *(
        _error(
            Topic.FILES, f"load_{code.name}",
            f"`load` of a file that gives `{code.name}`, at the `load` statement",
        )
        for code in READING
    ),
    _error(
        Topic.FILES, "outside_root",
        "`load` of a file outside the project root (see \"Loading files\") without "
        "`--allow-outside`, at the `load` statement",
    ),
)

_CSV = (
    _error(
        Topic.CSV, "bad_csv",
        "text that is not CSV: a quoted field never closed, text after a closing quote",
    ),
    _error(
        Topic.CSV, "missing_column",
        "a header without one of the required columns",
    ),
    _error(
        Topic.CSV, "unknown_column",
        "a header naming any other column: extra columns are refused so that a misspelt "
        "`qoute` is not silently ignored",
    ),
    _error(Topic.CSV, "duplicate_column", "a header naming a column twice"),
    _error(
        Topic.CSV, "bad_row",
        "a row with more or fewer cells than the header (or than the arity, for `load … as p/N`; "
        "a table of another width, at the `load`)",
    ),
    _error(
        Topic.CSV, "bad_indicator",
        "an `indicator` that is not a name (lower-case letter first, then letters, digits, `_`)",
    ),
    _error(
        Topic.CSV, "bad_argument",
        "an argument that is not a constant (`Minsk` would be a variable: quote it); "
        "for `load … as p/N`, an empty cell or a number out of range",
    ),
    _error(Topic.CSV, "bad_credibility", "a `credibility` that is not a whole number 1-6"),
    _error(Topic.CSV, "bad_date", "a `date` that is not a real date written `YYYY-MM-DD`"),
    _error(
        Topic.CSV, "table_unreadable",
        "a `load` of a table that cannot be read: a `.parquet` or `.duckdb` file DuckDB "
        "cannot read (no such file, not Parquet, no table `reports`, or for `load … as p/N` "
        "no table `p`), a `postgres:TABLE` the server does not give (no server, no such "
        "table, no right, the connection lost while its rows arrive), a driver missing; at "
        "the `load`, and nothing of it is used",
    ),
    _error(
        Topic.CSV, "bad_cell",
        "a table cell of a type that has no text (a BLOB, a list, a struct, a map), at the "
        "cell: a report's or a fact's cells are text, numbers, booleans or dates",
    ),
)

_RUN = (
    _error(
        Topic.RUN, "nonground_query",
        "a query whose answer keeps a variable (`p(1, X0)`, from `p(X, Y) :- a(X).`) and "
        "is uncertain: one probability for every instance is not what it asks (ProbLog's "
        "NonGroundQuery), at the query",
    ),
    _error(
        Topic.RUN, "nonground_report",
        "a report with a variable in a program run without `check` "
        "(`assess.load(…, check=False)`)",
    ),
    _error(
        Topic.RUN, "arithmetic_error",
        "arithmetic or a comparison that fails on the values it meets (division by zero, "
        "an atom or a string where `is`, `<` or `=:=` needs a number, an integer result "
        "of more than 4,000 digits, a negative number to a fractional power, `length/2` of "
        "a term that is not a proper list), at the rule",
    ),
    _error(
        Topic.RUN, "grounding_too_large",
        "grounding past `--max-ground` (ground atoms of a predicate, or rule instances), "
        "naming the rule and the size reached",
    ),
    _error(
        Topic.RUN, "unsupported_findall",
        "`findall/3` whose goal is not one atom (a variable), with more than 16 uncertain "
        "answers, or with two answers from one rule with variables in its head",
    ),
    _error(
        Topic.RUN, "term_too_deep",
        "a compound term or list nesting deeper than 1,000 levels (a program without a "
        "finite model, such as `nat(s(X)) :- nat(X).`), naming the rule that built it",
    ),
    _error(
        Topic.RUN, "compile_too_large",
        "compiling past `--max-nodes` or `--timeout`, naming the atom, its predicate and "
        "the rule deriving it",
    ),
    _error(
        Topic.RUN, "formula_too_large",
        "`assess formula` of a probability whose diagram is too large to print as a closed "
        "form",
    ),
    _error(
        Topic.RUN, "pydatalog_timeout",
        "`--engine pydatalog` gave no answer within its time budget and was stopped",
    ),
    _error(
        Topic.RUN, "pydatalog_unsupported",
        "`--engine pydatalog` on a rule with compound-term patterns, list library predicates, "
        "`findall/3` or a non-ground fact (the native engine runs it), at the rule",
    ),
    _error(Topic.RUN, "pydatalog_error", "`--engine pydatalog` failed; its error is quoted"),
    _error(
        Topic.RUN, "sql_unsupported",
        "`--engine duckdb` or `postgres` meets what its SQL does not compute the engine's way "
        "(`**`; arithmetic under `=`; `//` or `mod` of a float; an `is` with a float result; "
        "an integer past 64 bits), at the rule: use `--engine native`",
    ),
    _error(
        Topic.RUN, "sql_unavailable",
        "`--engine duckdb` or `postgres` without its Python driver installed, or a PostgreSQL "
        "server that the connection environment (`PGHOST`…, `ASSESS_POSTGRES`) does not reach, "
        "or whose connection is lost while it evaluates",
    ),
    _error(Topic.RUN, "sql_error", "the database failed while evaluating; its error is quoted"),
    _error(
        Topic.RUN, "contrary_cycle",
        "an argument for `~h` (or a conflict partner) that rests on `h` itself",
    ),
    _error(
        Topic.RUN, "exclusive_cycle",
        "an argument for a member of an exclusive set (or the set's condition) that "
        "rests on a member of the same set",
    ),
    _error(
        Topic.RUN, "not_exhaustive",
        "an exclusive set without `otherwise` in which, on the program's weights and "
        "evidence, no member holds in some worlds",
    ),
    _error(
        Topic.RUN, "impossible_evidence",
        "evidence of probability 0: nothing can be conditioned on it",
    ),
    _error(
        Topic.RUN, "bad_probability",
        "a weight given to `--set` or `probabilities(weights)` outside [0, 1], or the "
        "choices of one disjunction summing above 1",
    ),
    _error(
        Topic.RUN, "unknown_input",
        "`--set` (or a weight from Python) naming no rule label or probabilistic input "
        "(from `what-if`: exit 1, the closest name suggested)",
    ),
    _error(
        Topic.RUN, "no_named_probability",
        "the `contrary` or `contested` probability of an atom that nothing contradicts",
    ),
    _error(
        Topic.RUN, "unknown_query",
        "from Python, the probability of an atom that is not a compiled query",
    ),
    _error(
        Topic.RUN, "not_compiled",
        "the probability of a derived atom that was not among those compiled",
    ),
    _error(
        Topic.RUN, "closure_negation",
        "rational or lexicographic closure of a theory with negation as failure (closures "
        "read rules classically)",
    ),
    _error(
        Topic.RUN, "closure_too_large",
        "rational or lexicographic closure of a theory of more than 16 atoms (it "
        "enumerates worlds)",
    ),
)

_COMMAND_LINE = (
    _error(Topic.COMMAND_LINE, "missing_argument", "`FILE… ATOM` without an atom last"),
    _error(
        Topic.COMMAND_LINE, "bad_atom",
        "an ATOM that is not one atom written as in a rule (`p(a, 1)`)",
    ),
    _error(
        Topic.COMMAND_LINE, "nonground_atom",
        "an ATOM with variables where one ground atom is needed",
    ),
    _error(
        Topic.COMMAND_LINE, "bad_option",
        "an option of the wrong form: `-k 0`, a `--grade` or `--set` without `NAME=VALUE`, "
        "a `--set` value that is not a number, an `--as-of` that is not a date `YYYY-MM-DD`",
    ),
    _error(
        Topic.COMMAND_LINE, "bad_report",
        "an `--assume` that is not exactly one report (`'x(1) by source credibility 2'`)",
    ),
    _error(Topic.COMMAND_LINE, "unknown_report",
           "a `--drop` matching no report or source (exit 1, the closest name suggested)"),
    _error(Topic.COMMAND_LINE, "unknown_set",
           "`matrix --set` naming no competing set (exit 1, the closest name suggested)"),
    _error(
        Topic.COMMAND_LINE, "unknown_engine",
        "from Python, an engine other than `native`, `pydatalog`, `duckdb` and `postgres`",
    ),
    _error(
        Topic.COMMAND_LINE, "unknown_ambiguity",
        "from Python, an ambiguity policy other than `blocking` and `propagating`",
    ),
    _error(
        Topic.COMMAND_LINE, "graphviz_missing",
        "`graph --format svg` or `png` without Graphviz's `dot` on the PATH (or `dot` failed)",
    ),
    _error(
        Topic.COMMAND_LINE, "bad_usage",
        "with `--format json`, a command line the parser refuses (an unknown option, a "
        "missing argument); as text it is the parser's own message (exit 2)",
    ),
    _error(
        Topic.COMMAND_LINE, "internal_error",
        "with `--format json`, a bug in assess (exit 3); as text, `internal error` and how "
        "to report it",
    ),
    _error(
        Topic.COMMAND_LINE, "pygls_missing",
        "`lsp` without the language server's library (`pip install 'assess[lsp]'`)",
    ),
)


def _by_name(codes: tuple[Code, ...]) -> Mapping[str, Code]:
    found: dict[str, Code] = {}
    for code in codes:
        if found.setdefault(code.name, code) is not code:
            raise ValueError(f"{code.name} is catalogued twice")
    return found


CODES = _by_name((*_CHECKS, *_FILES, *_CSV, *_RUN, *_COMMAND_LINE))
"""Every code, in README order within each topic."""
