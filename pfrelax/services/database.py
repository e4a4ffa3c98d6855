"""The history database, opened on first use; why it cannot be, kept to tell the person once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store is imported when the history is first opened, after first paint
    from datetime import datetime

    from pfrelax.store.cipher import DatabaseKey
    from pfrelax.store.db import Database
    from pfrelax.store.errors import DamagedDatabaseError
    from pfrelax.store.files import FileStamp

DAMAGED = "damaged"  # notices for the window, shown once after the first paint
READ_ONLY = "read-only"


class HistoryDatabase:
    """One handle for every service. A damaged or unreadable file leaves `None` and a
    `problem` (sessions still play); a read-only folder opens for reading only."""

    def __init__(self, path: Callable[[], Path], locked: Callable[[], bool] = bool) -> None:
        self._path = path
        self._locked = locked  # encrypted and the passphrase not yet given: nothing may open it
        self.key: DatabaseKey | None = None  # an encrypted history's key, once unlocked
        self._db: Database | None = None
        self.problem = ""
        self.damaged: DamagedDatabaseError | None = None
        self.notices: list[str] = []
        self._checked: FileStamp | None = None  # see prepare

    def prepare(self) -> bool:
        """Open the history once and close it (`prepare_history`), on a worker thread at
        start-up; the first `get` then skips the check this open made if nothing wrote the file
        since (on a 20-year history it took 35-65 ms of the GUI thread)."""
        self._checked = _open_once(self._path())
        return self._checked is not None

    def get(self) -> Database | None:
        """The database, opened now if it was not; None (see `problem`) if it cannot be."""
        if self._db is None and not self.problem and not self._locked():
            from pfrelax.store.db import open_database
            from pfrelax.store.errors import DamagedDatabaseError, StoreError

            try:
                self._db = open_database(
                    self._path(), daily_backup=True, key=self.key, checked=self._checked
                )
            except StoreError as error:
                self.problem = str(error)
                if isinstance(error, DamagedDatabaseError):
                    self.damaged = error
                    self.notices.append(DAMAGED)
            else:
                if self._db.read_only:
                    self.notices.append(READ_ONLY)
        return self._db

    def writable(self) -> Database | None:
        """The database for what saves (sessions, check-ins, packs); None when read-only."""
        db = self.get()
        return None if db is None or db.read_only else db

    @property
    def opened(self) -> Database | None:
        """The database if it is open now (never opens it)."""
        return self._db

    def use(self, db: Database) -> None:
        """Hand in an already open database (tests; a restore opened elsewhere)."""
        self._db, self.problem, self.damaged = db, "", None

    def retry(self) -> Database | None:
        """A damaged file was replaced (by a backup): forget the problem and open again."""
        self.problem, self.damaged = "", None
        return self.get()

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def prepare_history(path: Path) -> bool:
    """Open the history at `path` once and close it; True if it opened. Run on a worker thread
    at start-up, so what waits on the disk (a migration, the daily backup, each fsynced) is done
    before the window's own first open, which then only checks and reads.

    Only a history that is there already: a new one is created by the window's open, which
    knows whether it must be encrypted. One that cannot be opened here (encrypted and locked,
    damaged, unreadable) is left as it is: the window's open finds the same and tells why."""
    return _open_once(path) is not None


def _open_once(path: Path) -> FileStamp | None:
    """`prepare_history`'s open; the file's stamp once closed, None if it did not open."""
    from pfrelax.store.db import open_database
    from pfrelax.store.errors import StoreError
    from pfrelax.store.files import file_stamp

    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        open_database(path, daily_backup=True).close()
    except (StoreError, OSError):
        return None  # the window's own open reports it
    return file_stamp(path)


def restore_backup(path: Path, source: Path, now: datetime) -> None:
    """Put the backup `source` in place of the history at `path` (a damaged one is set aside).
    StoreError or OSError when it cannot be, and then nothing changed."""
    from pfrelax.store.restore_history import restore_history

    restore_history(path, source, now)
