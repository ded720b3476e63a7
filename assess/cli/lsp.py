"""``assess lsp``: the language server, speaking the protocol on stdio.

An editor starts it and talks to it over standard input and output
(``assess.lsp.server``). ``pygls`` is imported here, only when the command
runs, so that it is needed only by those who use it (``pip install
'assess[lsp]'``) and no other command pays for importing it.
"""

from __future__ import annotations

import click

from assess.diagnostics import COMMAND_LINE, AssessError, error


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Speak on standard input and output (the default).")
def command(stdio: bool) -> int:
    """Run the language server for editors (diagnostics, hover, rename, …)."""
    try:
        from assess.lsp.server import serve
    except ImportError as exc:
        raise AssessError([error(
            "pygls_missing", COMMAND_LINE,
            f"the language server needs pygls ({exc.name} is not installed): "
            "pip install 'assess[lsp]'",
        )]) from None
    serve()
    return 0
