"""A small client of the language server: ``python -m assess lsp`` in a
subprocess, spoken to in JSON-RPC over its stdin and stdout as an editor does.

Messages are framed with ``Content-Length`` headers. A reader thread files
each message the server sends: responses by id, notifications by method
(``textDocument/publishDiagnostics`` also by document). Requests the server
makes of the client (``workspace/configuration`` …) are answered with null.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120.0


def uri(path: Path) -> str:
    return path.resolve().as_uri()


class Client:
    """One running server and what it has said."""

    def __init__(self, root: Path = REPO) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assess", "lsp"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, cwd=str(root),
        )
        self.next_id = 0
        self.responses: dict[int, dict[str, Any]] = {}
        self.notifications: list[dict[str, Any]] = []
        self.arrived: queue.Queue[dict[str, Any]] = queue.Queue()
        self.lock = threading.Lock()
        self.versions: dict[str, int] = {}
        threading.Thread(target=self._read, daemon=True).start()
        self.stderr: list[bytes] = []
        threading.Thread(target=self._drain, daemon=True).start()
        self.initialized = self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": uri(root),
            "workspaceFolders": [{"uri": uri(root), "name": root.name}],
            "capabilities": {"textDocument": {
                "hover": {"contentFormat": ["markdown"]}, "rename": {"prepareSupport": True}}},
        })
        self.notify("initialized", {})

    # -- the wire --------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:
                self._send({"id": message["id"], "result": None})
                continue
            self.arrived.put(message)

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)

    def _file(self, message: dict[str, Any]) -> None:
        if "id" in message:
            self.responses[message["id"]] = message
        else:
            self.notifications.append(message)

    def _wait(self, done: Any, timeout: float = TIMEOUT) -> None:
        """File what has arrived, then wait until ``done()``."""
        while True:
            try:
                self._file(self.arrived.get_nowait())
            except queue.Empty:
                break
        deadline = time.monotonic() + timeout
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(b"".join(self.stderr[-40:]).decode("utf-8", "replace"))
            try:
                self._file(self.arrived.get(timeout=left))
            except queue.Empty:
                continue

    # -- requests and notifications ----------------------------------------------

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        """The server's result; AssertionError with the error if it answers one."""
        response = self.response(method, params, timeout)
        assert "error" not in response, response["error"]
        return response.get("result")

    def response(self, method: str, params: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        self.next_id += 1
        number = self.next_id
        self._send({"id": number, "method": method, "params": params})
        self._wait(lambda: number in self.responses, timeout)
        return self.responses.pop(number)

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def mark(self) -> int:
        """Where the notifications stand now (for ``diagnostics(since=…)``)."""
        self._wait(lambda: True, 0)
        return len(self.notifications)

    def diagnostics(
        self, document: str, version: int | None = None, since: int = 0,
        until: Any = None,
    ) -> list[dict[str, Any]]:
        """The latest diagnostics published for ``document`` (at ``version``,
        after the ``since`` first notifications; once ``until(them)`` holds)."""
        def published() -> list[dict[str, Any]]:
            return [
                n["params"] for n in self.notifications[since:]
                if n.get("method") == "textDocument/publishDiagnostics"
                and n["params"]["uri"] == document
                and (version is None or n["params"].get("version") == version)
            ]
        def arrived() -> bool:
            found = published()
            return bool(found) and (until is None or until(found[-1]["diagnostics"]))

        self._wait(arrived)
        return list(published()[-1]["diagnostics"])

    def messages(self, method: str) -> list[dict[str, Any]]:
        self._wait(lambda: True, 0)
        return [n["params"] for n in self.notifications if n.get("method") == method]

    # -- documents ---------------------------------------------------------------

    def open(self, path: Path, text: str | None = None) -> str:
        """Open ``path`` (with ``text``, or its own; closed first if open); its URI."""
        document = uri(path)
        if document in self.versions:
            self.notify("textDocument/didClose", {"textDocument": {"uri": document}})
        self.versions[document] = 1
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": document, "languageId": "assess", "version": 1,
            "text": path.read_text(encoding="utf-8") if text is None else text,
        }})
        return document

    def change(self, document: str, text: str) -> int:
        """Replace the whole text of ``document``; its new version."""
        self.versions[document] += 1
        version = self.versions[document]
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": document, "version": version},
            "contentChanges": [{"text": text}],
        })
        return version

    def at(self, document: str, line: int, character: int) -> dict[str, Any]:
        """Text document position params (0-based, as the protocol counts)."""
        return {"textDocument": {"uri": document},
                "position": {"line": line, "character": character}}

    def close_document(self, document: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": document}})
        self.versions.pop(document, None)

    def close(self) -> int:
        """Shut the server down as an editor does; its exit code."""
        try:
            self.request("shutdown", None, timeout=30)
            self.notify("exit", None)
            return self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
