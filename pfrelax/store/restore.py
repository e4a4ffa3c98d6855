"""Putting a backup back: into an open database, or in place of a file that cannot be opened."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from pfrelax.durable import sync_folder
from pfrelax.store.cipher import is_cipher_connection
from pfrelax.store.connect import connect, schema_version
from pfrelax.store.errors import StoreError
from pfrelax.store.files import private_temp_file, remove_quietly
from pfrelax.store.migrations import PRIVATE_PREFERENCES, apply_migrations
from pfrelax.store.private_preferences import read_private, write_private
from pfrelax.store.recovery import set_aside_path

_COMPANIONS = ("-wal", "-shm")


def restore_into(live: sqlite3.Connection, source: Path, folder: Path) -> None:
    """Replace everything in `live` with the backup `source`, checked and migrated in a private
    temp copy in `folder` first (the person's file is never touched), then copied in with the
    backup API, which writes it as one transaction."""
    if is_cipher_connection(live):
        # SQLCipher cannot copy pages between a plain and an encrypted file.
        raise StoreError(
            "A backup cannot be restored into a history protected by a passphrase. Remove the "
            "passphrase (Settings → Privacy, or `pfrelax privacy remove-passphrase`), restore, "
            "then set it again; your current data is unchanged."
        )
    with _Staged(source, folder) as staged:
        # The current preferences stand, as settings.json's do: only the history is restored.
        # (A private temp copy: what is written here reaches `live` in the one backup below.)
        staged.execute(f"DELETE FROM {PRIVATE_PREFERENCES}")
        write_private(staged, read_private(live))
        staged.backup(live)


def replace_file(path: Path, source: Path, why: str, now: datetime) -> Path:
    """Put the backup `source` in place of the database file `path` (damaged, or one the person
    chose to replace), keeping the old file beside it; returns where the old file went.

    A crash at any moment leaves the old file in place or the new one: the checked copy is
    complete before a rename puts it in, and the old file is linked aside first. The old WAL goes
    with the old file, never to be applied to the new one. No pfrelax may have `path` open.
    """
    if not source.is_file():
        raise StoreError(f"{source}: there is no file here. Choose a pfrelax backup file.")
    aside = set_aside_path(path, why, now)
    with _Staged(source, path.parent, keep=True) as staged:
        staged.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        temp = Path(staged.execute("PRAGMA database_list").fetchone()[2])
    try:
        if path.exists():
            _link_or_copy(path, aside)
            for suffix in _COMPANIONS:
                companion = path.with_name(path.name + suffix)
                if companion.exists():
                    companion.replace(aside.with_name(aside.name + suffix))
        temp.replace(path)
        sync_folder(path.parent)
    finally:
        remove_quietly(temp)
    return aside


class _Staged:
    """A checked, migrated private copy of a backup, open for the `with` block."""

    def __init__(self, source: Path, folder: Path, *, keep: bool = False) -> None:
        self._source, self._folder, self._keep = source, folder, keep
        self._temp: Path | None = None
        self._con: sqlite3.Connection | None = None

    def __enter__(self) -> sqlite3.Connection:
        source = self._source
        if not source.is_file():
            raise StoreError(f"{source}: there is no file here. Choose a pfrelax backup file.")
        try:
            self._temp = private_temp_file(self._folder, ".sqlite3")
            shutil.copyfile(source, self._temp)
            self._con = connect(self._temp)
            _check_restorable(self._con, source)
        except (OSError, sqlite3.DatabaseError) as error:
            self._close(remove=True)
            raise _not_a_backup(source, error) from error
        except BaseException:
            self._close(remove=True)
            raise
        return self._con

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        self._close(remove=not self._keep or error is not None)

    def _close(self, *, remove: bool) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        if remove and self._temp is not None:
            for suffix in ("", *_COMPANIONS):
                remove_quietly(self._temp.with_name(self._temp.name + suffix))


RESTORE_FIX = "Choose a pfrelax backup; your current data is unchanged."


def _check_restorable(staged: sqlite3.Connection, source: Path) -> None:
    version = schema_version(staged, source, RESTORE_FIX)
    if version == 0:
        raise StoreError(f"{source.name} is empty, not a pfrelax backup. Choose another file.")
    problem = staged.execute("PRAGMA integrity_check").fetchone()[0]
    if problem != "ok":
        raise StoreError(
            f"{source.name} is damaged ({problem}), so it was not restored. "
            "Choose another backup; your current data is unchanged."
        )
    apply_migrations(staged, version)


def _link_or_copy(path: Path, aside: Path) -> None:
    """A second name for the old file (instant, no space), or a copy where links are not had."""
    try:
        os.link(path, aside)
    except OSError:
        shutil.copy2(path, aside)


def _not_a_backup(source: Path, error: OSError | sqlite3.Error) -> StoreError:
    reason = (error.strerror or str(error)) if isinstance(error, OSError) else str(error)
    return StoreError(
        f"{source.name} cannot be read as a pfrelax backup ({reason}). Choose another file; "
        "your current data is unchanged."
    )
