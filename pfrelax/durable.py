"""Durable files, for every layer: whole or not at all (temporary file, fsync, rename, folder
fsync), owner-only. The one owner of these few lines; nothing here knows about pfrelax's data."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` with `data` (mode 0600); on any failure the old file, or none, remains.

    OSError carries the file's name; the caller turns it into words for the person.
    """
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".partial", dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:  # mkstemp made it 0600 already
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def replace_durably(temporary: Path, path: Path) -> None:
    """fsync the finished file `temporary`, rename it over `path`, and fsync the folder so the
    rename lasts (for files written by a library that closed them, e.g. soundfile)."""
    with temporary.open("rb") as written:  # fsync needs a descriptor
        os.fsync(written.fileno())
    temporary.replace(path)
    sync_folder(path.parent)


def copy_durably(source: Path, path: Path) -> None:
    """Copy `source` to `path` through a temporary file beside it: a full disk or a crash
    leaves the old `path`, or none, never half a copy."""
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".partial", dir=path.parent
    )
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        replace_durably(Path(temporary), path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sync_folder(folder: Path) -> None:
    """Make the names in `folder` durable (renames, new entries): POSIX only; Windows cannot
    open a folder for fsync, nor needs to."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
