"""Session runs: started, progress, finished or stopped; and the queries charts ask about them."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, cast

from pfrelax.store.interrupted import recover_interrupted_runs
from pfrelax.store.models import Run, RunStatus, WeekMinutes
from pfrelax.store.timecodec import Clock, from_columns, local_now, require_aware, to_columns

if TYPE_CHECKING:
    from pfrelax.store.db import Database

_RUN_COLUMNS = (
    "id, session_id, session_title, pack_id, pack_version, started, started_offset, "
    "ended, ended_offset, seconds, status, length_seconds"
)


class Runs:
    """Writes and reads session runs. `now` is injected so tests control the clock."""

    def __init__(self, db: Database, now: Clock = local_now) -> None:
        self._db = db
        self._now = now

    def start_run(
        self,
        session_id: str,
        title: str,
        pack_id: str | None = None,
        pack_version: str | None = None,
        *,
        length_seconds: int | None = None,
    ) -> int:
        """Open a run of a session `length_seconds` long (None: unknown)."""
        if (pack_id is None) != (pack_version is None):
            raise ValueError("pack_id and pack_version are given together or not at all")
        if length_seconds is not None and _whole_seconds(length_seconds) == 0:
            raise ValueError("a session's length is at least one second")
        started, offset = to_columns(self._now())
        with self._db.transaction() as con:
            cursor = con.execute(
                "INSERT INTO runs (session_id, session_title, pack_id, pack_version, started, "
                "started_offset, progress_at, length_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    title,
                    pack_id,
                    pack_version,
                    started,
                    offset,
                    started,
                    length_seconds,
                ),
            )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        return cursor.lastrowid

    def update_run_progress(self, run_id: int, seconds: int) -> None:
        """Record how far a running session got, so a crash loses at most one progress interval."""
        at, _offset = to_columns(self._now())
        with self._db.transaction() as con:
            con.execute(
                "UPDATE runs SET seconds = ?, progress_at = ? WHERE id = ? AND status = 'running'",
                (_whole_seconds(seconds), at, run_id),
            )

    def finish_run(self, run_id: int, seconds: int, completed: bool) -> None:
        """Close the run: `completed` as `core.completion` decided it, else stopped (partial)."""
        ended, offset = to_columns(self._now())
        status: RunStatus = "completed" if completed else "stopped"
        with self._db.transaction() as con:
            cursor = con.execute(
                "UPDATE runs SET status = ?, seconds = ?, ended = ?, ended_offset = ?, "
                "progress_at = ? WHERE id = ?",
                (status, _whole_seconds(seconds), ended, offset, ended, run_id),
            )
            if cursor.rowcount != 1:
                raise LookupError(f"there is no session run {run_id}")

    def recover_interrupted_runs(self) -> int:
        return recover_interrupted_runs(self._db.connection)

    def get(self, run_id: int) -> Run | None:
        row = self._db.connection.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)
        ).fetchone()
        return None if row is None else run_from_row(row)

    def runs_between(self, start: datetime, end: datetime) -> list[Run]:
        """Runs that started in [start, end), oldest first."""
        rows = self._db.connection.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE started >= ? AND started < ? "
            "ORDER BY started, id",
            (_utc(start, "start"), _utc(end, "end")),
        ).fetchall()
        return [run_from_row(row) for row in rows]

    def minutes_per_week(self, start: datetime, end: datetime) -> list[WeekMinutes]:
        """Minutes practised per ISO week, for runs started in [start, end); weeks without any
        practice are left out. A week is the local week the person was in when they practised."""
        totals: defaultdict[tuple[int, int], int] = defaultdict(int)
        for started, offset, seconds in self._db.connection.execute(
            "SELECT started, started_offset, seconds FROM runs WHERE started >= ? AND started < ?",
            (_utc(start, "start"), _utc(end, "end")),
        ):
            year, week, _day = from_columns(started, offset).isocalendar()
            totals[(year, week)] += seconds
        return [WeekMinutes(y, w, totals[(y, w)] / 60) for y, w in sorted(totals)]


def run_from_row(row: tuple[object, ...]) -> Run:
    (
        run_id,
        session,
        title,
        pack,
        version,
        started,
        s_off,
        ended,
        e_off,
        seconds,
        status,
        length,
    ) = row
    return Run(
        id=cast(int, run_id),
        session_id=cast(str, session),
        session_title=cast(str, title),
        pack_id=cast(str | None, pack),
        pack_version=cast(str | None, version),
        started=from_columns(cast(int, started), cast(int, s_off)),
        ended=None if ended is None else from_columns(cast(int, ended), cast(int, e_off)),
        seconds=cast(int, seconds),
        status=cast(RunStatus, status),
        length_seconds=cast(int | None, length),
    )


def _whole_seconds(seconds: int) -> int:
    if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
        raise ValueError(f"seconds practised must be a whole number >= 0, got {seconds!r}")
    return seconds


def _utc(moment: datetime, what: str) -> int:
    return to_columns(require_aware(moment, what))[0]
