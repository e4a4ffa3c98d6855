"""Opening the database: pragmas, owner-only files, migrations with a backup first, refusals."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from pfrelax.store.cipher import DatabaseKey, is_encrypted
from pfrelax.store.connect import (
    busy,
    connect,
    connect_read_only,
    locked,
    refused,
    schema_version,
)
from pfrelax.store.errors import ReadOnlyDataError, StoreError
from pfrelax.store.files import (
    COPY_TEMP_SUFFIX,
    STALE_COPY_S,
    FileStamp,
    copy_database,
    file_stamp,
    make_private,
    remove_left_temps,
    remove_quietly,
)
from pfrelax.store.interrupted import recover_interrupted_runs
from pfrelax.store.migrations import LATEST_VERSION, PRIVATE_PREFERENCES, apply_migrations
from pfrelax.store.recovery import (
    daily_backup_due,
    daily_backup_path,
    damaged,
    is_damage,
    read_only,
    require_intact,
)
from pfrelax.store.restore import restore_into

# errno values that mean "this folder or file cannot be written": open read-only instead.
_READ_ONLY_ERRORS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def open_database(
    path: Path,
    *,
    recover_runs: bool = True,
    daily_backup: bool = False,
    key: DatabaseKey | None = None,
    checked: FileStamp | None = None,
) -> Database:
    """Open (creating or migrating) the pfrelax database at `path`.

    `recover_runs` marks runs left 'running' by a crash as stopped. The app passes True at
    start-up; a command-line tool that may run beside the app passes False, or it would stop the
    session the app is playing. `daily_backup`: keep `pfrelax.sqlite3.bak-daily` no older than a
    day (the app asks for it; it is what a damaged database can be restored from).

    A damaged file (SQLite's quick_check) raises DamagedDatabaseError and is not written to. In a
    read-only folder the database opens read-only: reading works, every write raises
    ReadOnlyDataError.

    `key` opens an encrypted history (and makes a new one encrypted); an encrypted file without
    it, or with the wrong one, raises LockedError and is not written to. A plain file opens
    plainly whatever `key` says: the file, not the caller, says whether it is encrypted.

    `checked`: the file's stamp when an open (on another thread, just before) passed the check
    and closed it. If the file still has that stamp, nothing wrote it since: the check is not
    run again (on a 20-year history quick_check takes 35-65 ms, on the GUI thread).
    """
    unchanged = checked is not None and file_stamp(path) == checked  # before a read makes a WAL
    key = _key_for(path, key)
    if not _make_private(path):
        return _open_read_only(path, key)
    try:
        con = connect(path, key)
    except sqlite3.DatabaseError as error:
        raise refused(path, error, key) from error
    try:
        version = schema_version(con, path)
        migrating = 0 < version < LATEST_VERSION
        # A migration rewrites tables: never on top of damage only the full check finds.
        if migrating or not unchanged:
            require_intact(con, path, "integrity_check" if migrating else "quick_check")
        # Only now, so a database that is refused is not changed, not even its journal mode.
        con.execute("PRAGMA journal_mode = WAL")
        if migrating:
            copy_database(con, backup_path(path, version))
        if version < LATEST_VERSION:
            apply_migrations(con, version)
        if recover_runs:
            recover_interrupted_runs(con)
        if daily_backup:
            remove_left_temps(path.parent, COPY_TEMP_SUFFIX, older_than_s=STALE_COPY_S)
            if daily_backup_due(path):
                _write_daily_backup(con, path)
    except sqlite3.DatabaseError as error:
        con.close()
        raise refused(path, error, key) from error
    except BaseException:
        con.close()
        raise
    return Database(path, con)


def _key_for(path: Path, key: DatabaseKey | None) -> DatabaseKey | None:
    if is_encrypted(path):
        if key is None:
            raise locked(path)
        return key
    has_data = path.is_file() and path.stat().st_size > 0
    return None if has_data else key


def _make_private(path: Path) -> bool:
    """Create the folder and file owner-only; False when the folder or file is read-only."""
    try:
        make_private(path)
    except OSError as error:
        if error.errno in _READ_ONLY_ERRORS:
            return False
        raise StoreError(
            f"Could not create {path} ({error.strerror or error}). Check that the disk has free "
            "space and try again."
        ) from error
    return True


def _open_read_only(path: Path, key: DatabaseKey | None) -> Database:
    """The database of a read-only folder, for reading: no journal, no migration, no recovery."""
    if not path.is_file():
        # Nothing saved yet, and nothing can be: an empty history to show.
        con = sqlite3.connect(":memory:", isolation_level=None)
        apply_migrations(con, 0)
        return Database(path, con, read_only=True)
    wal = path.with_name(path.name + "-wal")
    uri = path.resolve().as_uri()
    try:
        con = connect_read_only(f"{uri}?mode=ro", key)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            # A WAL database needs a -shm file it cannot create here. With no -wal file left
            # over there is nothing but the main file, which `immutable` reads as it is.
            con.close()
            if wal.is_file() and wal.stat().st_size > 0:
                raise ReadOnlyDataError(
                    f"{path.name} has changes that are not merged into it yet ({wal.name}), and "
                    f"{path.parent} is read-only, so it cannot be read safely. Make the folder "
                    "writable and open pfrelax once."
                ) from None
            con = connect_read_only(f"{uri}?immutable=1", key)
    except sqlite3.DatabaseError as error:
        raise refused(path, error, key) from error
    try:
        version = schema_version(con, path)
        require_intact(con, path)
        if version < LATEST_VERSION:
            raise ReadOnlyDataError(
                f"{path.name} was saved by an older pfrelax and must be updated before it can be "
                f"read, which needs to write to {path.parent}, a read-only folder. Make the "
                "folder writable and try again."
            )
    except sqlite3.DatabaseError as error:
        con.close()
        raise refused(path, error, key) from error
    except BaseException:
        con.close()
        raise
    return Database(path, con, read_only=True)


def _write_daily_backup(con: sqlite3.Connection, path: Path) -> None:
    """Refresh the daily copy from a database that passes the full check: a copy of damage
    would overwrite the good copy it is meant to replace."""
    require_intact(con, path, "integrity_check")
    # A full disk costs today's copy, not the start-up; yesterday's copy is kept.
    with contextlib.suppress(OSError):
        copy_database(con, daily_backup_path(path))


def backup_path(path: Path, version: int) -> Path:
    """Where the copy made before migrating from schema `version` goes."""
    return path.with_name(f"{path.name}.bak-v{version}")


class Database:
    """One open connection, in autocommit mode: every write goes through `transaction()`.

    `read_only`: opened from a read-only folder; every write raises ReadOnlyDataError.
    """

    def __init__(
        self, path: Path, connection: sqlite3.Connection, *, read_only: bool = False
    ) -> None:
        self.path = path
        self.connection = connection
        self.read_only = read_only

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside is committed together, or nothing is."""
        if self.read_only:
            raise read_only(self.path.parent)
        con = self.connection
        try:
            # IMMEDIATE takes the write lock now, so a busy database waits here (busy timeout)
            # instead of failing half-way through.
            con.execute("BEGIN IMMEDIATE")
            yield con
            con.execute("COMMIT")
        except sqlite3.OperationalError as error:
            _rollback(con)
            raise _write_failed(self.path, error) from error
        except sqlite3.DatabaseError as error:
            _rollback(con)
            if is_damage(error):
                # Found while writing (quick_check passed at open): stop before writing more.
                raise damaged(self.path, str(error)) from error
            raise
        except BaseException:
            _rollback(con)
            raise

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several queries see one consistent state (e.g. for an export)."""
        con = self.connection
        con.execute("BEGIN")
        try:
            yield con
        finally:
            con.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def backup_to(self, target: Path) -> None:
        """Write a complete, consistent copy of the database to `target` (atomically, 0600).

        The whole database is checked first: a copy of a damaged file would be damaged too.
        """
        try:
            require_intact(self.connection, self.path, "integrity_check")
            copy_database(self.connection, target)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(
                f"Could not write the backup to {target} ({_reason(error)}). Choose a folder you "
                "can write to, on a disk with free space."
            ) from error

    def restore_from(self, source: Path) -> None:
        """Replace everything with the pfrelax backup at `source`; the current data stays on error.

        The backup is checked and migrated in a private temp copy (the person's file is never
        touched), then copied in with the backup API, which writes it as one transaction.
        """
        if self.read_only:
            raise read_only(self.path.parent)
        try:
            restore_into(self.connection, source, self.path.parent)
        except sqlite3.OperationalError as error:
            raise _write_failed(self.path, error) from error
        recover_interrupted_runs(self.connection)

    def delete_all_data(self) -> None:
        """Delete every row and every copy pfrelax kept (pre-migration and daily backups, files
        set aside by a restore), leaving an empty current database."""
        with self.transaction() as con:
            # Deleting parents before children is then fine: the checks run at COMMIT.
            con.execute("PRAGMA defer_foreign_keys = ON")
            # The private preferences are settings, kept like settings.json (which measures a
            # check-in asks): the data is what is deleted.
            for (table,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name != ?",
                (PRIVATE_PREFERENCES,),
            ).fetchall():
                con.execute(f'DELETE FROM "{table}"')
        try:
            # secure_delete zeroed the rows; VACUUM and a truncating checkpoint leave no old
            # copy in free pages or in the WAL.
            self.connection.execute("VACUUM")
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            for pattern in ("bak-*", "damaged-*", "replaced-*"):
                for old in self.path.parent.glob(f"{self.path.name}.{pattern}"):
                    remove_quietly(old)
        except (OSError, sqlite3.OperationalError) as error:
            raise StoreError(
                f"Your data is deleted, but tidying {self.path.parent} failed ({_reason(error)}). "
                f"Delete any {self.path.name}.bak-* files there by hand."
            ) from error

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _reason(error: OSError | sqlite3.Error) -> str:
    return (error.strerror or str(error)) if isinstance(error, OSError) else str(error)


def _write_failed(path: Path, error: sqlite3.OperationalError) -> StoreError:
    if error.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return busy(path)
    return StoreError(
        f"Could not save to {path}: {error}. Check that the disk has free space and the file "
        "is not read-only, then try again."
    )


def _rollback(con: sqlite3.Connection) -> None:
    if con.in_transaction:
        con.execute("ROLLBACK")
