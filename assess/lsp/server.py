"""The language server (``assess lsp``): the editor's protocol over stdio.

Built on ``pygls`` (the protocol, the document store, position encodings)
and ``lsprotocol`` (its typed messages). This module only translates: what
each request answers is decided by ``project`` (which files go together,
diagnostics), ``index`` (where names are written) and ``hover`` (readings).

- ``didOpen``/``didChange``/``didSave``: diagnostics of the document, and of
  every open document checked with it, as ``assess check`` reports them;
- ``hover``, ``definition``, ``references``, ``prepareRename``/``rename``,
  ``formatting`` (``assess fmt``), ``completion`` (declared names, and
  sources after ``by``, labels inside ``[``).

No request can bring the server down: a handler that fails logs the
failure to the editor (``window/logMessage``) and answers nothing. A file
that does not parse still has its diagnostics, and its names as of its
last parse serve completion.

Positions: the parser counts 1-based lines and columns in characters; the
protocol counts 0-based lines and columns in the encoding the client
chose (UTF-16 by default); pygls's position codec converts.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import traceback
from collections.abc import Callable
from importlib import metadata
from typing import Any, TypeVar, cast

from lsprotocol import types
from lsprotocol.types import Diagnostic as ProtocolDiagnostic
from pygls import uris
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.workspace.position_codec import ServerTextPosition

from assess.codes import Severity
from assess.diagnostics import Diagnostic
from assess.lsp.complete import completions
from assess.lsp.hover import Hovers
from assess.lsp.index import PREDICATE, Occurrence
from assess.lsp.project import Project, normal
from assess.syntax import ast
from assess.syntax.printer import format_program, formatting_disabled, line_ending

F = TypeVar("F", bound=Callable[..., Any])
NAME = re.compile(r"[a-z][A-Za-z0-9_]*")
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
}


class AssessServer(LanguageServer):
    """The server: pygls's, with the project it works on."""

    def __init__(self) -> None:
        try:
            version = metadata.version("assess")
        except metadata.PackageNotFoundError:
            version = "0"
        super().__init__("assess", version)
        self._project: Project | None = None
        self._hovers: Hovers | None = None

    @property
    def project(self) -> Project:
        if self._project is None:
            folders = [uris.to_fs_path(f.uri) for f in self.workspace.folders.values()]
            roots = [f for f in folders if f] or [r for r in [self.workspace.root_path] if r]
            self._project = Project(roots)
        return self._project

    @property
    def hovers(self) -> Hovers:
        if self._hovers is None:
            self._hovers = Hovers(self.project)
        return self._hovers


server = AssessServer()


def guarded(handler: F) -> F:
    """``handler``, which, whatever fails inside it, logs and answers nothing."""

    @functools.wraps(handler)
    def run(*args: Any) -> Any:
        try:
            return handler(*args)
        except JsonRpcException:
            raise
        except Exception:
            logging.getLogger(__name__).exception("assess lsp: %s failed", handler.__name__)
            server.window_log_message(types.LogMessageParams(
                types.MessageType.Error,
                f"assess: {handler.__name__} failed:\n{traceback.format_exc()}",
            ))
            return None

    return cast(F, run)


# ---- positions ---------------------------------------------------------------


def _lines(path: str) -> list[str]:
    text = server.project.text(path) or ""
    return [line + "\n" for line in text.split("\n")]


def _position(lines: list[str], line: int, column: int) -> types.Position:
    """The parser's 1-based ``line``:``column`` in the client's units."""
    row = min(max(line - 1, 0), max(len(lines) - 1, 0))
    width = len(lines[row].rstrip("\n")) if lines else 0
    position = ServerTextPosition(row, min(max(column - 1, 0), width))
    return server.workspace.position_codec.position_to_client_units(lines, position)


def span_range(span: ast.Span, lines: list[str] | None = None) -> types.Range:
    lines = _lines(span.file) if lines is None else lines
    start = _position(lines, span.line, span.column)
    end = _position(lines, span.end_line, span.end_column)
    if (end.line, end.character) <= (start.line, start.character):
        end = types.Position(start.line, start.character + 1)
    return types.Range(start, end)


def _location(span: ast.Span) -> types.Location:
    return types.Location(uris.from_fs_path(span.file) or span.file, span_range(span))


def _path(uri: str) -> str:
    return normal(uris.to_fs_path(uri) or uri)


def _at(uri: str, position: types.Position) -> tuple[str, int, int]:
    """The document's path and the parser's 1-based line and column at ``position``."""
    document = server.workspace.get_text_document(uri)
    point = document.position_from_client_units(position)
    return _path(uri), point.line + 1, point.character + 1


def _occurrence(uri: str, position: types.Position) -> Occurrence | None:
    """The name written at ``position`` in the current text, if any."""
    path, line, column = _at(uri, position)
    parsed = server.project.parsed(path)
    if parsed is None:
        return None
    for found in parsed.names:
        s = found.span
        if s.line == line and s.column <= column <= s.end_column:
            return found
    return None


def _same(found: Occurrence, other: Occurrence) -> bool:
    return found.kind == other.kind and found.name == other.name


# ---- diagnostics ---------------------------------------------------------------


def lsp_diagnostic(d: Diagnostic, path: str, lines: list[str]) -> types.Diagnostic:
    """``d`` as the protocol writes it in the document ``path``; a finding in
    another file (a ruleset checked with it) stands at the top, naming where
    (``publish`` shows only errors of other files: their warnings are theirs)."""
    here = d.span is not None and d.span.line > 0 and normal(d.span.file) == path
    message, related = d.message, None
    if d.span is not None and d.span.line > 0 and not here:
        message = f"{os.path.basename(d.span.file)}:{d.span.line}:{d.span.column}: {message}"
        related = [types.DiagnosticRelatedInformation(_location(d.span), d.message)]
    elif d.span is not None and normal(d.span.file) != path:
        message = f"{d.span.file}: {message}"
    where = (
        span_range(d.span, lines) if here and d.span is not None
        else types.Range(types.Position(0, 0), types.Position(0, 1))
    )
    return ProtocolDiagnostic(
        range=where, message=message, severity=SEVERITIES[d.severity], code=d.code,
        source="assess",
        related_information=related,
    )


def publish(path: str) -> None:
    """The diagnostics of the document ``path`` to the editor."""
    project = server.project
    lines = _lines(path)
    found = [
        lsp_diagnostic(d, path, lines) for d in project.diagnostics(path)
        if d.is_error or d.span is None or normal(d.span.file) == path
    ]
    uri = uris.from_fs_path(path) or path
    document = server.workspace.text_documents.get(uri)
    version = document.version if document is not None else None
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri, found, version=version)
    )


def _changed(uri: str) -> None:
    path = _path(uri)
    server.project.open(path, server.workspace.get_text_document(uri).source)
    publish(path)
    for other in list(server.project.documents):
        if other != path and path in server.project.checked_together(other):
            publish(other)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded
def did_open(params: types.DidOpenTextDocumentParams) -> None:
    _changed(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@guarded
def did_change(params: types.DidChangeTextDocumentParams) -> None:
    _changed(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@guarded
def did_save(params: types.DidSaveTextDocumentParams) -> None:
    _changed(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded
def did_close(params: types.DidCloseTextDocumentParams) -> None:
    server.project.close(_path(params.text_document.uri))


# ---- names ------------------------------------------------------------------------


@server.feature(types.TEXT_DOCUMENT_HOVER)
@guarded
def hover(params: types.HoverParams) -> types.Hover | None:
    found = _occurrence(params.text_document.uri, params.position)
    if found is None:
        return None
    text = server.hovers.hover(_path(params.text_document.uri), found, found.atom)
    return types.Hover(
        types.MarkupContent(types.MarkupKind.Markdown, text), span_range(found.span)
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
@guarded
def definition(params: types.DefinitionParams) -> list[types.Location] | None:
    found = _occurrence(params.text_document.uri, params.position)
    if found is None:
        return None
    named = [o for o in server.project.names(_path(params.text_document.uri)) if _same(found, o)]
    declared = [o for o in named if o.definition]
    if found.kind == PREDICATE:
        # A declaration is the definition; without one, every head and report.
        declarations = [o for o in declared if o.declared]
        declared = declarations or declared
    return [_location(o.span) for o in declared] or None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
@guarded
def references(params: types.ReferenceParams) -> list[types.Location] | None:
    found = _occurrence(params.text_document.uri, params.position)
    if found is None:
        return None
    named = [o for o in server.project.names(_path(params.text_document.uri)) if _same(found, o)]
    if not params.context.include_declaration:
        named = [o for o in named if not o.definition]
    return [_location(o.span) for o in named]


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
@guarded
def prepare_rename(params: types.PrepareRenameParams) -> types.Range | None:
    found = _occurrence(params.text_document.uri, params.position)
    return span_range(found.span) if found is not None else None


@server.feature(types.TEXT_DOCUMENT_RENAME)
@guarded
def rename(params: types.RenameParams) -> types.WorkspaceEdit | None:
    found = _occurrence(params.text_document.uri, params.position)
    if found is None:
        return None
    if not NAME.fullmatch(params.new_name):
        raise_error(f"{params.new_name!r} is not a name: a lower-case letter, then letters, "
                    "digits or _")
    path = _path(params.text_document.uri)
    edits: dict[str, list[types.TextEdit]] = {}
    for o in server.project.names(path):
        if _same(found, o):
            uri = uris.from_fs_path(o.span.file) or o.span.file
            edits.setdefault(uri, []).append(types.TextEdit(span_range(o.span), params.new_name))
    return types.WorkspaceEdit(changes=edits)


def raise_error(message: str) -> None:
    """Answer the request with an error the editor shows."""
    raise JsonRpcInvalidParams(message)


# ---- formatting and completion ----------------------------------------------------


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
@guarded
def formatting(params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
    """The whole document in its ``assess fmt`` form (nothing if it does not parse)."""
    parsed = server.project.parsed(_path(params.text_document.uri))
    if parsed is None or parsed.program is None or formatting_disabled(parsed.program):
        return None
    new = format_program(parsed.program, line_ending(parsed.text))
    if new == parsed.text:
        return []
    lines = [line + "\n" for line in parsed.text.split("\n")]
    end = _position(lines, len(lines), len(lines[-1]))
    return [types.TextEdit(types.Range(types.Position(0, 0), end), new)]


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=["[", "~"]),
)
@guarded
def completion(params: types.CompletionParams) -> types.CompletionList | None:
    uri = params.text_document.uri
    document = server.workspace.get_text_document(uri)
    point = document.position_from_client_units(params.position)
    before = document.lines[point.line][: point.character] if document.lines else ""
    items = completions(before, server.project.names(_path(uri)))
    return types.CompletionList(is_incomplete=False, items=items)


def serve() -> None:
    """Speak the protocol on standard input and output until the editor exits."""
    server.start_io()
