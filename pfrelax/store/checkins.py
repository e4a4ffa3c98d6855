"""Check-ins: saving one as a single transaction, and the queries the charts and report need."""

from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, cast

from pfrelax.core.global_change import HIGHEST, LOWEST
from pfrelax.core.own_questions import GLOBAL_CHANGE, is_own_question_id
from pfrelax.store.models import (
    MEASURES,
    MOMENTS,
    RUN_MOMENTS,
    Moment,
    Rating,
    RunChange,
    Series,
    a_checkin,
)
from pfrelax.store.timecodec import Clock, from_columns, local_now, require_aware, to_columns

if TYPE_CHECKING:
    from pfrelax.store.db import Database


class Checkins:
    """Writes and reads check-ins. `now` is injected so tests control the clock."""

    def __init__(self, db: Database, now: Clock = local_now) -> None:
        self._db = db
        self._now = now

    def save_checkin(
        self,
        moment: str,
        values: Mapping[str, int | None],
        note: str = "",
        run_id: int | None = None,
        time: datetime | None = None,
    ) -> int:
        """Save a check-in and all its ratings in one transaction; returns its id.

        `values` maps a measure to 0–10, or None for "not attempted". Once this returns, the
        check-in survives a crash or a power cut.
        """
        ratings = check_values(values, self._own_ids(values))
        check_moment(moment, run_id)
        at, offset = to_columns(self._now() if time is None else require_aware(time, "time"))
        with self._db.transaction() as con:
            return insert_checkin(con, (None, run_id, at, offset, moment, note), ratings)

    def _own_ids(self, values: Mapping[str, object]) -> frozenset[str]:
        """The PT's own question ids among `values` whose wording the history keeps: known, so
        one close to a built-in name ("moods") is not taken for a typo."""
        unknown = [m for m in values if m not in MEASURES]
        if not unknown:
            return frozenset()
        rows = self._db.connection.execute(
            f"SELECT id FROM own_questions WHERE id IN ({', '.join('?' for _ in unknown)})",
            unknown,
        ).fetchall()
        return frozenset(row[0] for row in rows)

    def ratings_between(self, start: datetime, end: datetime) -> list[Rating]:
        """Every rating of check-ins made in [start, end), oldest first: what a chart plots."""
        rows = self._db.connection.execute(
            "SELECT c.id, c.at, c.at_offset, c.moment, c.run_id, v.measure, v.value "
            "FROM checkins c JOIN checkin_values v ON v.checkin_id = c.id "
            "WHERE c.at >= ? AND c.at < ? ORDER BY c.at, c.id, v.measure",
            (_utc(start, "start"), _utc(end, "end")),
        ).fetchall()
        return [
            Rating(cid, from_columns(at, off), cast(Moment, moment), run_id, measure, value)
            for cid, at, off, moment, run_id, measure, value in rows
        ]

    def series(self, measure: str, start: datetime, end: datetime) -> Series:
        """One measure's ratings from check-ins made in [start, end), oldest first, as columns."""
        rows = self._db.connection.execute(
            "SELECT c.at, c.moment, v.value FROM checkins c "
            "JOIN checkin_values v ON v.checkin_id = c.id AND v.measure = ? "
            "WHERE c.at >= ? AND c.at < ? ORDER BY c.at, c.id",
            (measure, _utc(start, "start"), _utc(end, "end")),
        ).fetchall()
        return Series(
            measure,
            times=[row[0] for row in rows],
            moments=[row[1] for row in rows],
            values=[row[2] for row in rows],
        )

    def before_after_changes(self, start: datetime, end: datetime) -> list[RunChange]:
        """Per run started in [start, end) and per measure rated both before and after it, the
        change. When a run has several before (or after) check-ins, the latest one counts."""
        rows = self._db.connection.execute(
            "SELECT r.id, r.started, r.started_offset, c.moment, v.measure, v.value "
            "FROM runs r JOIN checkins c ON c.run_id = r.id "
            "JOIN checkin_values v ON v.checkin_id = c.id "
            "WHERE r.started >= ? AND r.started < ? AND v.value IS NOT NULL "
            "ORDER BY r.started, r.id, c.at, c.id",
            (_utc(start, "start"), _utc(end, "end")),
        ).fetchall()
        latest: dict[tuple[int, str], dict[str, int]] = {}
        started: dict[int, datetime] = {}
        for run_id, at, offset, moment, measure, value in rows:
            if run_id not in started:
                started[run_id] = from_columns(at, offset)
            latest.setdefault((run_id, measure), {})[moment] = value
        return [
            RunChange(run_id, started[run_id], measure, pair["before"], pair["after"])
            for (run_id, measure), pair in latest.items()
            if "before" in pair and "after" in pair
        ]


def insert_checkin(
    con: sqlite3.Connection,
    row: tuple[int | None, int | None, int, int, str, str],
    ratings: list[tuple[str, int | None]],
) -> int:
    """Insert (id, run_id, at, at_offset, moment, note) and its ratings, in the caller's
    transaction."""
    cursor = con.execute(
        "INSERT INTO checkins (id, run_id, at, at_offset, moment, note) VALUES (?, ?, ?, ?, ?, ?)",
        row,
    )
    checkin_id = cursor.lastrowid
    assert checkin_id is not None  # an INSERT into a rowid table always sets it
    con.executemany(
        "INSERT INTO checkin_values (checkin_id, measure, value) VALUES (?, ?, ?)",
        [(checkin_id, measure, value) for measure, value in ratings],
    )
    return checkin_id


def check_values(
    values: Mapping[str, int | None], own_ids: frozenset[str] = frozenset()
) -> list[tuple[str, int | None]]:
    """The ratings as (measure, value) pairs; ValueError naming the first bad one. `own_ids`:
    a PT's own question ids known to the history."""
    if not values:
        raise ValueError("a check-in needs at least one rating")
    for measure, value in values.items():
        if not _known(measure, own_ids):
            hint = difflib.get_close_matches(measure, MEASURES, n=1)
            tip = f"; did you mean {hint[0]!r}?" if hint else f"; known: {', '.join(MEASURES)}"
            raise ValueError(f"{measure!r} is not a check-in measure{tip}")
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10
        ):
            raise ValueError(f"{measure}: {value!r} is not a whole number 0–10 or None")
        if measure == GLOBAL_CHANGE and value is not None and not LOWEST <= value <= HIGHEST:
            raise ValueError(f"{measure}: {value!r} is not one of the answers {LOWEST}–{HIGHEST}")
    return list(values.items())


def _known(measure: str, own_ids: frozenset[str]) -> bool:
    """A built-in measure, the global-change question, or a PT's own question."""
    return (
        measure in MEASURES
        or measure == GLOBAL_CHANGE
        or measure in own_ids
        or is_own_question_id(measure)
    )


def check_moment(moment: str, run_id: int | None) -> None:
    if moment not in MOMENTS:
        raise ValueError(f"{moment!r} is not a check-in moment; use one of {', '.join(MOMENTS)}")
    if (moment in RUN_MOMENTS) != (run_id is not None):
        need = "needs the run_id of its session" if run_id is None else "belongs to no run"
        raise ValueError(f"{a_checkin(moment)} {need}")


def _utc(moment: datetime, what: str) -> int:
    return to_columns(require_aware(moment, what))[0]
