"""Writing a file so that a failure leaves it as it was.

``replace_text(path, text)`` writes the new text to a temporary file beside
the target, flushes it to disk and renames it over the target, so a full
disk or a kill at any point leaves the old file (or none) in place, never
half a file; through a symbolic link, the file it names is replaced. The
file keeps its permissions and, where allowed, its owner. ``assess fmt``
rewrites programs with it and ``assess report`` writes its page with it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile

from assess.diagnostics import InputError


def replace_text(path: str, text: str) -> None:
    """Make ``text`` (UTF-8) the content of the file ``path`` (created if it
    does not exist, with the permissions the umask leaves), or raise
    ``InputError`` (``unwritable_file``) and leave it as it was."""
    target = os.path.realpath(path)
    try:
        status = os.stat(target) if os.path.exists(target) else _new_file_status()
        if os.path.exists(target) and not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        handle, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=os.path.dirname(target)
        )
    except OSError as exc:
        raise _unwritable(path, exc) from None
    try:
        try:
            _fill(handle, temporary, text.encode("utf-8"), status)
        finally:
            os.close(handle)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _unwritable(path, exc) from None
        raise
    _sync_directory(os.path.dirname(target))


def _fill(handle: int, name: str, data: bytes, status: os.stat_result) -> None:
    """Write ``data`` to the open file ``handle`` (named ``name``), give it the
    permissions (and, where allowed, the owner) of ``status``, flush it to disk."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]
    if hasattr(os, "fchown") and (status.st_uid, status.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):
            os.fchown(handle, status.st_uid, status.st_gid)
    os.chmod(name, stat.S_IMODE(status.st_mode))
    os.fsync(handle)


def _sync_directory(directory: str) -> None:
    """Flush the rename to disk, where the system lets a directory be opened."""
    with contextlib.suppress(OSError):
        handle = os.open(directory or ".", os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _unwritable(path: str, exc: OSError) -> InputError:
    reason = exc.strerror or str(exc)
    return InputError("unwritable_file", path, f"cannot write: {reason}; the file is unchanged")


def _new_file_status() -> os.stat_result:
    """The status a new file of this process gets: ours, ``0o666`` less the umask."""
    mask = os.umask(0)
    os.umask(mask)
    mode = stat.S_IFREG | (0o666 & ~mask)
    return os.stat_result((mode, 0, 0, 1, os.getuid(), os.getgid(), 0, 0, 0, 0))
