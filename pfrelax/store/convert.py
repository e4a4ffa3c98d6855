"""Encryption on, off or to a new key: a new file written and verified, then renamed over the old.

A crash at any moment leaves the old database or the new one, whole, at the history's path:
the old file is only ever replaced by one atomic rename of a complete, checked file. Until that
rename has happened, a second name for the old file (`*.before-privacy`) is kept too.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from pfrelax.durable import sync_folder
from pfrelax.store.cipher import DatabaseKey, connect_encrypted, is_encrypted
from pfrelax.store.connect import BUSY_TIMEOUT_S, refused, schema_version
from pfrelax.store.errors import StoreError
from pfrelax.store.files import (
    COPY_TEMP_SUFFIX,
    copy_database,
    private_temp_file,
    remove_left_temps,
    remove_quietly,
)
from pfrelax.store.recovery import daily_backup_path, is_damage

# The steps, in order; `on_step` is told each one as it is done (tests fail or kill there).
STEPS = ("settled", "written", "verified", "linked", "swapped", "tidied")
BEFORE_SUFFIX = ".before-privacy"
_TEMP_SUFFIX = ".converting"
# pfrelax's own copies of the history: they are in the old form, so they go (see _tidy).
_COPIES = ("bak-*", "replaced-*", "damaged-*")

Step = Callable[[str], None]


def _no_step(_name: str) -> None:
    return None


def convert(
    path: Path, old: DatabaseKey | None, new: DatabaseKey | None, on_step: Step = _no_step
) -> None:
    """Re-write the history at `path` from key `old` to key `new` (None: plain SQLite).

    No other pfrelax may have it open (the app closes its connection first). StoreError, and
    the old file unchanged in content, when anything fails before the rename.
    """
    if old is None and is_encrypted(path):
        raise StoreError(f"{path.name} is already encrypted; its passphrase is needed.")
    # An empty 0600 file: SQLCipher writes into it and keeps its mode (it would create a new
    # one with the umask's), so the copy is owner-only from its first byte.
    temp = private_temp_file(path.parent, _TEMP_SUFFIX)
    try:
        _write(path, old, new, temp, on_step)
        _verify(path, old, temp, new)
        on_step("verified")
        _swap(path, temp, on_step)
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise refused(path, error, old) from error
        raise StoreError(
            f"Could not convert {path.name} ({error}); it is unchanged. Check that the disk has "
            "free space and try again."
        ) from error
    except OSError as error:
        raise StoreError(
            f"Could not convert {path.name} ({error.strerror or error}); it is unchanged. "
            "Check that the disk has free space and try again."
        ) from error
    finally:
        remove_quietly(temp)
    _tidy(path, new)
    on_step("tidied")


def tidy_interrupted(path: Path) -> None:
    """After a conversion that was stopped: the history at `path` is whole (old or new), so
    what the conversion left beside it goes."""
    remove_quietly(path.with_name(path.name + BEFORE_SUFFIX))
    # The converted file, and the daily copy _tidy was writing (a whole history: it must not
    # stay behind unnamed), each with their journal.
    for suffix in (_TEMP_SUFFIX, COPY_TEMP_SUFFIX):
        remove_left_temps(path.parent, suffix)


def _write(
    path: Path, old: DatabaseKey | None, new: DatabaseKey | None, temp: Path, on_step: Step
) -> None:
    con = connect_encrypted(path, old, timeout=BUSY_TIMEOUT_S)
    try:
        version = schema_version(con, path)
        application = int(con.execute("PRAGMA application_id").fetchone()[0])
        # No WAL beside the file: a -wal left over would be applied to the new file after the
        # rename. Leaving WAL mode checkpoints everything into the file and removes the -wal.
        con.execute("PRAGMA journal_mode = DELETE")
        on_step("settled")
        attach_key = new.pragma_value() if new is not None else "''"
        con.execute(f"ATTACH DATABASE ? AS converted KEY {attach_key}", (str(temp),))
        # Exclusive: nobody writes to the old file while it is copied.
        con.execute("BEGIN EXCLUSIVE")
        con.execute("SELECT sqlcipher_export('converted')")
        # sqlcipher_export copies the schema and rows, not the header fields that say whose
        # file this is and which schema version it has.
        con.execute(f"PRAGMA converted.user_version = {version}")
        con.execute(f"PRAGMA converted.application_id = {application}")
        con.execute("COMMIT")
        con.execute("DETACH DATABASE converted")
    finally:
        con.close()
    with temp.open("rb") as written:
        os.fsync(written.fileno())
    on_step("written")


def _verify(path: Path, old: DatabaseKey | None, temp: Path, new: DatabaseKey | None) -> None:
    """The new file opens with its key, passes the full check, and has every row of the old."""
    before = connect_encrypted(path, old, timeout=BUSY_TIMEOUT_S)
    after = connect_encrypted(temp, new, timeout=BUSY_TIMEOUT_S)
    try:
        problem = after.execute("PRAGMA integrity_check").fetchone()[0]
        if problem != "ok":
            raise StoreError(
                f"The converted copy failed its check ({problem}); {path.name} is unchanged."
            )
        if _fingerprint(before) != _fingerprint(after):
            raise StoreError(
                f"The converted copy of {path.name} does not hold the same rows; it is unchanged."
            )
    finally:
        before.close()
        after.close()


def _fingerprint(con: sqlite3.Connection) -> list[tuple[str, int]]:
    tables = [
        str(name)
        for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    counts = [(t, int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])) for t in tables]
    header = [
        (pragma, int(con.execute(f"PRAGMA {pragma}").fetchone()[0]))
        for pragma in ("user_version", "application_id")
    ]
    return counts + header


def _swap(path: Path, temp: Path, on_step: Step) -> None:
    before = path.with_name(path.name + BEFORE_SUFFIX)
    remove_quietly(before)
    os.link(path, before)  # the old file keeps a name until the new one has its place
    sync_folder(path.parent)
    on_step("linked")
    temp.replace(path)
    sync_folder(path.parent)
    on_step("swapped")
    remove_quietly(before)


def _tidy(path: Path, new: DatabaseKey | None) -> None:
    """pfrelax's own copies were written in the old form (plain, or under the old key): they
    are replaced by one daily copy in the new form. A failure here loses no data."""
    for pattern in _COPIES:
        for old_copy in path.parent.glob(f"{path.name}.{pattern}"):
            remove_quietly(old_copy)
    with contextlib.suppress(OSError, sqlite3.Error):
        con = connect_encrypted(path, new, timeout=BUSY_TIMEOUT_S)
        try:
            copy_database(con, daily_backup_path(path))
        finally:
            con.close()
    sync_folder(path.parent)
