"""Writes the finished report's bytes to disk so that a full disk or a crash never leaves a
broken or half-written PDF: a private temp file beside the target, fsynced, read back, renamed."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from pfrelax.durable import sync_folder
from pfrelax.errors import InputError

OWNER_ONLY_FILE = 0o600  # like the exports: the report is health information

# os.write's shape, so a test can hand in a writer that fails like a full disk.
Writer = Callable[[int, bytes], int]


class ReportFileError(InputError, OSError):
    """The report could not be written; the message says why and what to do. Any file that
    was already at the target is left as it was."""


def system_write(handle: int, data: bytes) -> int:
    """os.write, looked up when called: a test replaces this to play a full disk."""
    return os.write(handle, data)


def write_private_file(path: Path, data: bytes, write: Writer | None = None) -> None:
    """Put `data` at `path` (mode 0600) whole or not at all; `write` defaults to os.write."""
    write = write or system_write
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ReportFileError(_reason(error, path)) from error
    temp = Path(name)
    try:
        try:
            _write_all(handle, data, write)
            os.fsync(handle)
        finally:
            os.close(handle)
        temp.chmod(OWNER_ONLY_FILE)  # mkstemp's mode already; say it, whatever the OS
        if temp.read_bytes() != data:
            raise OSError(errno.EIO, "the file read back differs from what was written")
        temp.replace(path)
        sync_folder(folder)
    except OSError as error:
        raise ReportFileError(_reason(error, path)) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _write_all(handle: int, data: bytes, write: Writer) -> None:
    done = 0
    while done < len(data):
        written = write(handle, data[done:] if done else data)
        if written <= 0:
            raise OSError(errno.EIO, "the disk accepted nothing")
        done += written


def _reason(error: OSError, path: Path) -> str:
    kept = f" {path.name} was left as it was." if path.exists() else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"the disk is full, so the report was not written.{kept} Free some space, or "
            "choose a folder on another disk."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"this folder cannot be written to.{kept} Choose another folder."
    detail = error.strerror or str(error)
    return f"the report was not written ({detail}).{kept} Choose another folder or try again."
