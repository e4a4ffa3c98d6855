"""Read-only queries for the Progress page and report: whole columns at once, no row objects.

Twenty years of daily check-ins are ~45 000 ratings; building a datetime per row would cost more
than the whole chart, so these return numpy tables in local seconds (see pfrelax.core.progress).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np

from pfrelax.core.checkin import Measure
from pfrelax.core.progress import (
    DAY_S,
    MEASURE_ORDER,
    MOMENTS,
    NO_RUN,
    WEEK_S,
    RatingTable,
    RunTable,
    Weekly,
    empty_runs,
    rating_table,
    week_index,
    week_start_seconds,
    weekly_means,
)
from pfrelax.core.progress_view import WeeklyFigures
from pfrelax.store.timecodec import from_columns

if TYPE_CHECKING:
    from pfrelax.store.db import Database

_MOMENT_CASE = " ".join(f"WHEN '{m}' THEN {i}" for i, m in enumerate(MOMENTS))
_MEASURE_CASE = " ".join(f"WHEN '{m.value}' THEN {i}" for i, m in enumerate(MEASURE_ORDER))


# Stored times are UTC; a local time is at most this far from it (UTC−12 … UTC+14), so a UTC
# bound widened by it never misses a row and lets SQLite use the index on the time column.
_OFFSET_MARGIN_S = 15 * 3600


OTHER_MOMENTS = ("standalone", "weekly")  # the check-ins that belong to no session


def load_ratings(
    db: Database,
    measures: Sequence[Measure] | None = None,
    since_local: int | None = None,
    *,
    moments: Sequence[str] | None = None,
) -> RatingTable:
    """Ratings of `measures` in `moments` from `since_local` on (each default all), by time."""
    where, params = _rating_filter(measures, since_local, moments)
    rows = db.connection.execute(
        "SELECT c.id, c.at + c.at_offset, "
        f"CASE c.moment {_MOMENT_CASE} END, coalesce(c.run_id, {NO_RUN}), "
        f"CASE v.measure {_MEASURE_CASE} ELSE -1 END, v.value "
        f"FROM checkins c JOIN checkin_values v ON v.checkin_id = c.id {where}",
        params,
    ).fetchall()
    table = rating_table(rows)
    keep = table.measure >= 0  # a measure added by a newer version is not charted here
    if since_local is not None:
        keep &= table.time >= since_local
    return table if bool(keep.all()) else table.take(keep)


def _rating_filter(
    measures: Sequence[Measure] | None, since_local: int | None, moments: Sequence[str] | None
) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if moments is not None:
        clauses.append(f"c.moment IN ({', '.join('?' for _ in moments)})")
        params.extend(moments)
    if measures is not None:
        clauses.append(f"v.measure IN ({', '.join('?' for _ in measures)})")
        params.extend(m.value for m in measures)
    if since_local is not None:
        clauses.append("c.at >= ?")
        params.append(since_local - _OFFSET_MARGIN_S)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def load_runs(db: Database, since_local: int | None = None, *, titles: bool = True) -> RunTable:
    """Session runs from `since_local` on (default all), in local seconds, oldest first.

    `titles=False` skips the session titles (a chart of years needs none; `run_title` fetches
    one for a hover).
    """
    title = "session_title" if titles else "''"
    since = -(2**62) if since_local is None else since_local
    rows = db.connection.execute(
        f"SELECT id, started + started_offset AS local, seconds, {title}, "
        "status = 'completed' FROM runs WHERE started >= ? ORDER BY local, id",
        (since - _OFFSET_MARGIN_S,),
    ).fetchall()
    if not rows:
        return empty_runs()
    ids, started, seconds, names, completed = zip(*rows, strict=True)
    table = RunTable(
        np.array(ids, dtype=np.int64),
        np.array(started, dtype=np.int64),
        np.array(seconds, dtype=np.int64),
        tuple(names) if titles else ("",) * len(ids),
        np.array(completed, dtype=np.bool_),
    )
    return table if since_local is None else table.between(since_local, None)


def has_history(db: Database) -> bool:
    """Whether anything was ever recorded: a check-in or a session."""
    (found,) = db.connection.execute(
        "SELECT EXISTS (SELECT 1 FROM checkins) OR EXISTS (SELECT 1 FROM runs)"
    ).fetchone()
    return bool(found)


def first_record_day(db: Database) -> date | None:
    """The first local day with a session run or a check-in, or on which a plan started."""
    (local,) = db.connection.execute(
        "SELECT min(t) FROM (SELECT min(started + started_offset) AS t FROM runs "
        "UNION ALL SELECT min(at + at_offset) FROM checkins)"
    ).fetchone()
    (plan,) = db.connection.execute("SELECT min(plan_started) FROM installed_packs").fetchone()
    days = [date.fromisoformat(plan)] if plan else []
    if local is not None:
        try:
            days.append(date(1970, 1, 1) + timedelta(days=int(local) // DAY_S))
        except OverflowError:  # a time outside the calendar (an old import): before anything
            days.append(date.min)
    return min(days) if days else None


def run_title(db: Database, run_id: int) -> str:
    row = db.connection.execute("SELECT session_title FROM runs WHERE id = ?", (run_id,)).fetchone()
    return "" if row is None else str(row[0])


def first_week_mean(db: Database, measure: Measure) -> float | None:
    """The mean rating of `measure` in the first local week it was rated: a fixed baseline."""
    (first,) = db.connection.execute(
        "SELECT min(c.at + c.at_offset) FROM checkins c JOIN checkin_values v "
        "ON v.checkin_id = c.id WHERE v.measure = ? AND v.value IS NOT NULL",
        (measure.value,),
    ).fetchone()
    if first is None:
        return None
    monday = int(week_start_seconds(week_index(np.array([first], dtype=np.int64)))[0])
    (mean,) = db.connection.execute(
        "SELECT avg(v.value) FROM checkins c JOIN checkin_values v ON v.checkin_id = c.id "
        "WHERE v.measure = ? AND v.value IS NOT NULL AND c.at >= ? AND c.at < ? "
        "AND c.at + c.at_offset >= ? AND c.at + c.at_offset < ?",
        (
            measure.value,
            monday - _OFFSET_MARGIN_S,
            monday + WEEK_S + _OFFSET_MARGIN_S,
            monday,
            monday + WEEK_S,
        ),
    ).fetchone()
    return None if mean is None else float(mean)


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


def count_session_ratings(db: Database, measure: Measure, since_local: int | None) -> int:
    """How many before/after ratings of `measure` there are from `since_local` on."""
    since = -(2**62) if since_local is None else since_local
    (count,) = db.connection.execute(
        "SELECT count(*) FROM checkins c JOIN checkin_values v ON v.checkin_id = c.id "
        "WHERE v.measure = ? AND c.moment IN ('before', 'after') AND v.value IS NOT NULL "
        "AND c.at >= ? AND c.at + c.at_offset >= ?",
        (measure.value, since - _OFFSET_MARGIN_S, since),
    ).fetchone()
    return int(count)


_WEEK = f"(({{t}}) / {DAY_S} + 3) / 7"  # Monday-first week index of local seconds t
# Each run's latest before and after rating of one measure, paired: (after time, after − before).
# SQLite takes the bare columns of a max() aggregate from the row holding the max, which
# picks the latest check-in of each moment without a window function (3× faster).
_PAIRS = (
    "WITH l AS (SELECT c.run_id AS run, c.moment AS moment, max(c.at) AS at, "
    "c.at_offset AS off, v.value AS value FROM checkins c JOIN checkin_values v "
    "ON v.checkin_id = c.id WHERE v.measure = ? AND c.moment IN ('before', 'after') "
    "AND v.value IS NOT NULL AND c.at >= ? AND c.at + c.at_offset >= ? "
    "GROUP BY c.run_id, c.moment) "
    "SELECT max(CASE WHEN moment = 'after' THEN at + off END), "
    "sum(CASE WHEN moment = 'after' THEN value ELSE -value END), count(*) AS n, "
    "coalesce((SELECT status != 'completed' FROM runs WHERE id = run), 0) "
    "FROM l GROUP BY run HAVING n = 2"
)


def weekly_summary(db: Database, measure: Measure, since_local: int | None) -> WeeklyFigures:
    since = -(2**62) if since_local is None else since_local
    params = (measure.value, since - _OFFSET_MARGIN_S, since)
    con = db.connection
    moments = con.execute(
        f"SELECT {_WEEK.format(t='c.at + c.at_offset')} AS wk, c.moment, avg(v.value), count(*) "
        "FROM checkins c JOIN checkin_values v ON v.checkin_id = c.id WHERE v.measure = ? "
        "AND c.moment IN ('before', 'after') AND v.value IS NOT NULL AND c.at >= ? "
        "AND c.at + c.at_offset >= ? GROUP BY wk, c.moment ORDER BY wk",
        params,
    ).fetchall()
    pairs = np.array(con.execute(_PAIRS, params).fetchall(), dtype=np.int64).reshape(-1, 4)
    change = pairs[:, 1].astype(np.float64)
    minutes = con.execute(
        f"SELECT {_WEEK.format(t='started + started_offset')} AS wk, sum(seconds) / 60.0, "
        "count(*) FROM runs WHERE started >= ? AND started + started_offset >= ? "
        "GROUP BY wk ORDER BY wk",
        (since - _OFFSET_MARGIN_S, since),
    ).fetchall()
    (partial,) = con.execute(
        "SELECT count(*) FROM runs WHERE status != 'completed' AND started >= ? "
        "AND started + started_offset >= ?",
        (since - _OFFSET_MARGIN_S, since),
    ).fetchone()
    return WeeklyFigures(
        before=_weekly([(w, mean, n) for w, m, mean, n in moments if m == "before"]),
        after=_weekly([(w, mean, n) for w, m, mean, n in moments if m == "after"]),
        change=weekly_means(pairs[:, 0], change),
        median_change=float(np.median(change)) if change.size else None,
        minutes=_weekly(minutes),
        partial=int(partial),
        change_partial_times=pairs[pairs[:, 3] == 1, 0],
    )


def _weekly(rows: Sequence[tuple[int, float, int]]) -> Weekly:
    if not rows:
        return weekly_means(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64))
    weeks, values, counts = zip(*rows, strict=True)
    index = np.array(weeks, dtype=np.int64)
    return Weekly(
        index,
        week_start_seconds(index),
        np.array(values, dtype=np.float64),
        np.array(counts, dtype=np.int64),
    )
