"""Opening the database: pragmas, owner-only files, migrations with a backup first, refusals."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from pfrelax.store.errors import StoreError
from pfrelax.store.files import copy_database, make_private, private_temp_file, remove_quietly
from pfrelax.store.migrations import APPLICATION_ID, LATEST_VERSION, apply_migrations
from pfrelax.store.runs import recover_interrupted_runs

# Long enough to wait out another pfrelax process's short write (e.g. `pfrelax import` while the
# app saves a check-in), short enough that a stuck lock surfaces as an error, not a hang.
BUSY_TIMEOUT_S = 5.0


def open_database(path: Path, *, recover_runs: bool = True) -> Database:
    """Open (creating or migrating) the pfrelax database at `path`.

    `recover_runs` marks runs left 'running' by a crash as stopped. The app passes True at
    start-up; a command-line tool that may run beside the app passes False, or it would stop the
    session the app is playing.
    """
    make_private(path)
    try:
        con = _connect(path)
    except sqlite3.DatabaseError as error:
        raise _unreadable(path, error) from error
    try:
        version = _schema_version(con, path)
        # Only now, so a database that is refused is not changed, not even its journal mode.
        con.execute("PRAGMA journal_mode = WAL")
        if version < LATEST_VERSION:
            if version > 0:
                copy_database(con, backup_path(path, version))
            apply_migrations(con, version)
        if recover_runs:
            recover_interrupted_runs(con)
    except sqlite3.DatabaseError as error:
        con.close()
        raise _unreadable(path, error) from error
    except BaseException:
        con.close()
        raise
    return Database(path, con)


def backup_path(path: Path, version: int) -> Path:
    """Where the copy made before migrating from schema `version` goes."""
    return path.with_name(f"{path.name}.bak-v{version}")


class Database:
    """One open connection, in autocommit mode: every write goes through `transaction()`."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.connection = connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside is committed together, or nothing is."""
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
        """Write a complete, consistent copy of the database to `target` (atomically, 0600)."""
        try:
            copy_database(self.connection, target)
        except (OSError, sqlite3.Error) as error:
            raise StoreError(
                f"Could not write the backup to {target} ({_reason(error)}). Choose a folder you "
                "can write to, on a disk with free space."
            ) from error

    def restore_from(self, source: Path) -> None:
        """Replace everything with the pfrelax backup at `source`; the current data stays on error.

        The backup is checked and migrated in a private temp copy (the user's file is never
        touched), then copied in with the backup API, which writes it as one transaction.
        """
        if not source.is_file():
            raise StoreError(f"{source}: there is no file here. Choose a pfrelax backup file.")
        try:
            temp = private_temp_file(self.path.parent, ".sqlite3")
            try:
                shutil.copyfile(source, temp)
                _restore_staged(temp, source, self.connection)
            finally:
                for suffix in ("", "-wal", "-shm"):
                    remove_quietly(temp.with_name(temp.name + suffix))
        except (OSError, sqlite3.DatabaseError) as error:
            raise StoreError(
                f"{source.name} cannot be read as a pfrelax backup ({_reason(error)}). Choose "
                "another file; your current data is unchanged."
            ) from error
        recover_interrupted_runs(self.connection)

    def delete_all_data(self) -> None:
        """Delete every row and every pre-migration backup, leaving an empty current database."""
        with self.transaction() as con:
            # Deleting parents before children is then fine: the checks run at COMMIT.
            con.execute("PRAGMA defer_foreign_keys = ON")
            for (table,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall():
                con.execute(f'DELETE FROM "{table}"')
        try:
            # secure_delete zeroed the rows; VACUUM and a truncating checkpoint leave no old
            # copy in free pages or in the WAL.
            self.connection.execute("VACUUM")
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            for old in self.path.parent.glob(f"{self.path.name}.bak-v*"):
                remove_quietly(old)
        except (OSError, sqlite3.OperationalError) as error:
            raise StoreError(
                f"Your data is deleted, but tidying {self.path.parent} failed ({_reason(error)}). "
                f"Delete any {self.path.name}.bak-v* files there by hand."
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


def _connect(path: Path) -> sqlite3.Connection:
    """A connection with our per-connection settings; the file itself is not written yet."""
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
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


def _schema_version(con: sqlite3.Connection, path: Path) -> int:
    """The schema version of a database we may use; StoreError for any we must not touch."""
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
    raise StoreError(
        f"{path.name} is not a pfrelax database. Move {path} away to start with an empty "
        "history, or restore a pfrelax backup."
    )


def _restore_staged(temp: Path, source: Path, live: sqlite3.Connection) -> None:
    staged = _connect(temp)
    try:
        _check_restorable(staged, source)
        staged.backup(live)
    finally:
        staged.close()


def _reason(error: OSError | sqlite3.Error) -> str:
    return (error.strerror or str(error)) if isinstance(error, OSError) else str(error)


def _check_restorable(staged: sqlite3.Connection, source: Path) -> None:
    version = _schema_version(staged, source)
    if version == 0:
        raise StoreError(f"{source.name} is empty, not a pfrelax backup. Choose another file.")
    problem = staged.execute("PRAGMA integrity_check").fetchone()[0]
    if problem != "ok":
        raise StoreError(
            f"{source.name} is damaged ({problem}), so it was not restored. "
            "Choose another backup; your current data is unchanged."
        )
    apply_migrations(staged, version)


def _unreadable(path: Path, error: sqlite3.DatabaseError) -> StoreError:
    return StoreError(
        f"{path.name} cannot be read as a database ({error}). Restore a backup, or move {path} "
        "away to start with an empty history."
    )


def _write_failed(path: Path, error: sqlite3.OperationalError) -> StoreError:
    if error.sqlite_errorcode in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(
            f"{path.name} is busy: another pfrelax is writing to it. Wait a moment, or close "
            "the other pfrelax, and try again."
        )
    return StoreError(
        f"Could not save to {path}: {error}. Check that the disk has free space and the file "
        "is not read-only, then try again."
    )


def _rollback(con: sqlite3.Connection) -> None:
    if con.in_transaction:
        con.execute("ROLLBACK")
