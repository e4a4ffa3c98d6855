"""The practice log's rows: saving one entry, and reading entries back for charts and reports."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, cast

from pfrelax.core.practice_log import Depth, LoggedPractice, PracticeEntry, check_entry
from pfrelax.store.timecodec import Clock, from_columns, local_now, require_aware, to_columns

if TYPE_CHECKING:
    from pfrelax.store.db import Database

_COLUMNS = "id, at, at_offset, run_id, size, depth, minutes, insertion_pain, anxiety, note"


class DilatorLogs:
    """Writes and reads practice log entries. `now` is injected so tests control the clock."""

    def __init__(self, db: Database, now: Clock = local_now) -> None:
        self._db = db
        self._now = now

    def save(
        self, entry: PracticeEntry, run_id: int | None = None, time: datetime | None = None
    ) -> int:
        """Store one entry in one transaction; returns its id. ValueError for a bad value."""
        check_entry(entry)
        at, offset = to_columns(self._now() if time is None else require_aware(time, "time"))
        try:
            with self._db.transaction() as con:
                return insert_log(con, (None, run_id, at, offset), entry)
        except sqlite3.IntegrityError as error:  # the entry was checked: only its run can fail
            raise ValueError(f"run_id: {run_id!r} is not a session run in the history") from error

    def between(self, start: datetime, end: datetime) -> list[LoggedPractice]:
        """Entries written in [start, end), oldest first."""
        rows = self._db.connection.execute(
            f"SELECT {_COLUMNS} FROM dilator_logs WHERE at >= ? AND at < ? ORDER BY at, id",
            (
                to_columns(require_aware(start, "start"))[0],
                to_columns(require_aware(end, "end"))[0],
            ),
        ).fetchall()
        return [logged_from_row(row) for row in rows]

    def all(self) -> list[LoggedPractice]:
        rows = self._db.connection.execute(
            f"SELECT {_COLUMNS} FROM dilator_logs ORDER BY at, id"
        ).fetchall()
        return [logged_from_row(row) for row in rows]


def insert_log(
    con: sqlite3.Connection, key: tuple[int | None, int | None, int, int], entry: PracticeEntry
) -> int:
    """Insert (id, run_id, at, at_offset) and the entry, in the caller's transaction."""
    cursor = con.execute(
        "INSERT INTO dilator_logs (id, run_id, at, at_offset, size, depth, minutes, "
        "insertion_pain, anxiety, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            *key,
            entry.size,
            entry.depth,
            entry.minutes,
            entry.insertion_pain,
            entry.anxiety,
            entry.note,
        ),
    )
    log_id = cursor.lastrowid
    assert log_id is not None  # an INSERT into a rowid table always sets it
    return log_id


def logged_from_row(row: tuple[object, ...]) -> LoggedPractice:
    log_id, at, offset, run_id, size, depth, minutes, pain, anxiety, note = row
    entry = PracticeEntry(
        str(size),
        cast(Depth, depth),
        cast("int | None", minutes),
        cast("int | None", pain),
        cast("int | None", anxiety),
        str(note),
    )
    return LoggedPractice(
        cast(int, log_id),
        from_columns(cast(int, at), cast(int, offset)),
        cast("int | None", run_id),
        entry,
    )
