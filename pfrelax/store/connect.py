"""Connections to a pfrelax database file, and the refusals of files pfrelax must not touch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pfrelax.store.cipher import DatabaseKey, connect_encrypted
from pfrelax.store.errors import DamagedDatabaseError, LockedError, StoreError
from pfrelax.store.migrations import APPLICATION_ID, LATEST_VERSION
from pfrelax.store.recovery import damaged, is_damage, last_backup

# Long enough to wait out another pfrelax process's short write (e.g. `pfrelax import` while the
# app saves a check-in), short enough that a stuck lock surfaces as an error, not a hang.
BUSY_TIMEOUT_S = 5.0


def connect(path: Path, key: DatabaseKey | None = None) -> sqlite3.Connection:
    """A connection with our per-connection settings; the file itself is not written yet.

    With `key`, an SQLCipher connection: the file is (or becomes) encrypted with it.
    """
    if key is None:
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    else:
        con = connect_encrypted(path, key, timeout=BUSY_TIMEOUT_S)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        # FULL, not NORMAL: in WAL mode NORMAL already survives a killed process, but a power cut
        # could roll back the last commits. A saved check-in must survive both (ARCHITECTURE.md);
        # one fsync per check-in or progress tick is nothing at this write rate.
        con.execute("PRAGMA synchronous = FULL")
        # Deleted rows are overwritten with zeros: "delete" has to mean gone for health data.
        con.execute("PRAGMA secure_delete = ON")
    except BaseException:
        con.close()
        raise
    return con


def connect_read_only(uri: str, key: DatabaseKey | None = None) -> sqlite3.Connection:
    if key is None:
        con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    else:
        con = connect_encrypted(uri, key, timeout=BUSY_TIMEOUT_S, uri=True)
    con.execute("PRAGMA query_only = ON")
    return con


def schema_version(con: sqlite3.Connection, path: Path, not_ours_fix: str = "") -> int:
    """The schema version of a database we may use; StoreError for any we must not touch.

    `not_ours_fix`: what to do about a file that is not pfrelax's (a backup being restored has
    its own advice); by default, how to start the history afresh."""
    version = int(con.execute("PRAGMA user_version").fetchone()[0])
    application = int(con.execute("PRAGMA application_id").fetchone()[0])
    if version > LATEST_VERSION:
        raise StoreError(
            f"{path.name} was written by a newer version of pfrelax (schema {version}; this "
            f"version understands up to {LATEST_VERSION}). Update pfrelax, or restore a backup."
        )
    has_tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if application == APPLICATION_ID or (application == 0 and version == 0 and not has_tables):
        return version
    fix = not_ours_fix or (
        f"Move {path} away to start with an empty history, or restore a pfrelax backup."
    )
    raise StoreError(f"{path.name} is not a pfrelax database. {fix}")


def locked(path: Path) -> LockedError:
    return LockedError(
        f"{path.name} is protected by a passphrase. Unlock pfrelax with it; without the "
        "passphrase nothing can be read, and nothing was changed."
    )


def wrong_key(path: Path) -> LockedError:
    return LockedError(
        f"That passphrase does not open {path.name}. Nothing was changed; try again "
        "(letters are case-sensitive)."
    )


def busy(path: Path) -> StoreError:
    return StoreError(
        f"{path.name} is busy: another pfrelax is writing to it. Wait a moment, or close "
        "the other pfrelax, and try again."
    )


def refused(path: Path, error: sqlite3.DatabaseError, key: DatabaseKey | None = None) -> StoreError:
    """The error for a database SQLite could not use: busy (another process holds its lock;
    never called damage, whose remedy is to replace the file), damaged, or not a database at
    all (with a key: most likely the wrong key, which SQLCipher cannot tell from damage)."""
    if error.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return busy(path)
    if key is not None and error.sqlite_errorcode == sqlite3.SQLITE_NOTADB:
        return wrong_key(path)
    if is_damage(error) and error.sqlite_errorcode != sqlite3.SQLITE_NOTADB:
        return damaged(path, str(error))
    backup = last_backup(path)
    way_back = (
        f" Your last backup is {backup.name}; `pfrelax restore` puts it back." if backup else ""
    )
    return DamagedDatabaseError(
        f"{path.name} cannot be read as a database ({error}). Restore a backup, or move {path} "
        f"away to start with an empty history.{way_back}",
        path,
        backup,
    )
