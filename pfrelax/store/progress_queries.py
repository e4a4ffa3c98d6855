"""Read-only queries for the Progress page and report: whole columns at once, no row objects.

Twenty years of daily check-ins are ~45 000 ratings; building a datetime per row would cost more
than the whole chart, so these return numpy tables in local seconds (see pfrelax.core.progress).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np

from pfrelax.core.progress import (
    MEASURE_ORDER,
    MOMENTS,
    NO_RUN,
    RatingTable,
    RunTable,
    rating_table,
)
from pfrelax.store.timecodec import from_columns

if TYPE_CHECKING:
    from pfrelax.store.db import Database

_MOMENT_CASE = " ".join(f"WHEN '{m}' THEN {i}" for i, m in enumerate(MOMENTS))
_MEASURE_CASE = " ".join(f"WHEN '{m.value}' THEN {i}" for i, m in enumerate(MEASURE_ORDER))


def load_ratings(db: Database) -> RatingTable:
    """Every rating of every check-in, in local seconds, oldest first."""
    rows = db.connection.execute(
        "SELECT c.id, c.at + c.at_offset, "
        f"CASE c.moment {_MOMENT_CASE} END, coalesce(c.run_id, {NO_RUN}), "
        f"CASE v.measure {_MEASURE_CASE} ELSE -1 END, v.value "
        "FROM checkins c JOIN checkin_values v ON v.checkin_id = c.id"
    ).fetchall()
    table = rating_table(rows)
    known = table.measure >= 0  # a measure added by a newer version is not charted here
    if bool(known.all()):
        return table
    return table.take(known)


def load_runs(db: Database) -> RunTable:
    """Every session run, in local seconds, oldest first."""
    rows = db.connection.execute(
        "SELECT id, started + started_offset AS local, seconds, session_title FROM runs "
        "ORDER BY local, id"
    ).fetchall()
    if not rows:
        empty = np.empty(0, dtype=np.int64)
        return RunTable(empty, empty, empty, ())
    ids, started, seconds, titles = zip(*rows, strict=True)
    return RunTable(
        np.array(ids, dtype=np.int64),
        np.array(started, dtype=np.int64),
        np.array(seconds, dtype=np.int64),
        tuple(titles),
    )


@dataclass(frozen=True, slots=True)
class Note:
    time: datetime
    moment: str
    session_title: str | None
    text: str


def notes_between(db: Database, start_local: int, end_local: int) -> list[Note]:
    """Non-empty check-in notes with local time in [start_local, end_local), oldest first."""
    rows = db.connection.execute(
        "SELECT c.at, c.at_offset, c.moment, r.session_title, c.note FROM checkins c "
        "LEFT JOIN runs r ON r.id = c.run_id WHERE c.note != '' "
        "AND c.at + c.at_offset >= ? AND c.at + c.at_offset < ? ORDER BY c.at, c.id",
        (start_local, end_local),
    ).fetchall()
    return [
        Note(from_columns(at, off), moment, title, note) for at, off, moment, title, note in rows
    ]


def last_checkin_time(db: Database, moment: str) -> datetime | None:
    """When the latest check-in of `moment` was made, or None if there is none."""
    row = db.connection.execute(
        "SELECT at, at_offset FROM checkins WHERE moment = ? ORDER BY at DESC, id DESC LIMIT 1",
        (moment,),
    ).fetchone()
    return None if row is None else from_columns(row[0], row[1])


def run_checkin_values(db: Database, run_id: int, moment: str) -> dict[str, int | None]:
    """The ratings of the latest `moment` check-in of a run (e.g. its before check-in)."""
    row = db.connection.execute(
        "SELECT id FROM checkins WHERE run_id = ? AND moment = ? ORDER BY at DESC, id DESC LIMIT 1",
        (run_id, moment),
    ).fetchone()
    if row is None:
        return {}
    values = db.connection.execute(
        "SELECT measure, value FROM checkin_values WHERE checkin_id = ?", (row[0],)
    ).fetchall()
    return dict(values)


@dataclass(frozen=True, slots=True)
class DataCounts:
    """How much is stored: what "delete all my data" names before it deletes."""

    checkins: int
    notes: int
    runs: int
    packs: int


def data_counts(db: Database) -> DataCounts:
    con = db.connection
    checkins, notes = con.execute(
        "SELECT count(*), count(nullif(note, '')) FROM checkins"
    ).fetchone()
    (runs,) = con.execute("SELECT count(*) FROM runs").fetchone()
    (packs,) = con.execute("SELECT count(*) FROM installed_packs").fetchone()
    return DataCounts(int(checkins), int(notes), int(runs), int(packs))
