"""Owner-only files and whole-database copies: the data says what the app is for."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import tempfile
import time
from pathlib import Path

from pfrelax.store.cipher import connect_like

OWNER_ONLY_DIR = 0o700
OWNER_ONLY_FILE = 0o600
_POSIX = os.name == "posix"


def make_private(path: Path) -> None:
    """Create `path`'s folder (0700) and the file itself (0600), tightening them if they exist."""
    path.parent.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
    _take_away_others(path.parent)
    if not os.access(path.parent, os.W_OK):
        # SQLite needs to create its -wal and -shm files beside the database.
        raise PermissionError(errno.EACCES, "the folder is read-only", str(path.parent))
    # Created before SQLite opens it: SQLite would use the umask (often 0644), and it gives the
    # -wal and -shm files the main file's mode, so this covers them too.
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, OWNER_ONLY_FILE))
    for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if each.exists():
            _take_away_others(each)


def _take_away_others(path: Path) -> None:
    """Remove group and other access; never add any (a folder made read-only stays read-only)."""
    if not _POSIX:
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        path.chmod(mode & 0o700)


def private_temp_file(folder: Path, suffix: str) -> Path:
    """A new empty 0600 file in `folder` (mkstemp's mode), so a later os.replace is atomic."""
    handle, name = tempfile.mkstemp(prefix=".pfrelax-", suffix=suffix, dir=folder)
    os.close(handle)
    return Path(name)


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


# The suffix of copy_database's temp file (and its journal), so that what a copy killed mid-way
# left can be found and removed (convert.tidy_interrupted).
COPY_TEMP_SUFFIX = ".copying.sqlite3"


# A copy's temp file older than this was left by a process that was killed mid-copy: no copy of
# a history takes an hour, and a younger one may be another pfrelax's copy still being written.
STALE_COPY_S = 3600.0


def remove_left_temps(folder: Path, suffix: str, *, older_than_s: float = 0.0) -> None:
    """Remove the temp files (`private_temp_file(folder, suffix)`, and their journals) a killed
    process left in `folder`; with `older_than_s`, only those untouched for that long."""
    now = time.time()
    for left in folder.glob(f".pfrelax-*{suffix}*"):
        with contextlib.suppress(OSError):  # gone meanwhile, or not ours to remove: harmless
            if not older_than_s or now - left.stat().st_mtime > older_than_s:
                left.unlink()


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of `source` to `target` atomically, via SQLite's backup API.

    The backup API copies a snapshot even while the database is in use, which a file copy of a
    WAL database does not; the temp-file-and-rename means `target` is never half written.
    """
    target.parent.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
    temp = private_temp_file(target.parent, COPY_TEMP_SUFFIX)
    try:
        copy = connect_like(source, temp)  # an encrypted history's copy is encrypted too
        try:
            source.backup(copy)
            # The copy inherits WAL mode; a backup should be one self-contained file that even a
            # read-only medium can open, so switch it back to a rollback journal.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        temp.replace(target)
    finally:
        remove_quietly(temp)


# The database file and its write-ahead log as the file system sees them: (inode, size,
# modification time) each, None for a file that is not there.
FileStamp = tuple[tuple[int, int, int] | None, ...]


def file_stamp(path: Path) -> FileStamp:
    """The same stamp twice means nothing wrote the database in between."""
    stamps: list[tuple[int, int, int] | None] = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            found = part.stat()
        except FileNotFoundError:
            stamps.append(None)
        else:
            stamps.append((found.st_ino, found.st_size, found.st_mtime_ns))
    return tuple(stamps)
