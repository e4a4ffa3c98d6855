"""Import an export: validate everything first, then add what is new in one transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pfrelax.store.checkins import insert_checkin
from pfrelax.store.errors import DataFileError
from pfrelax.store.import_read import Batch, CheckinIn, RunIn, read_csv_folder, read_json_file
from pfrelax.store.models import RUN_MOMENTS
from pfrelax.store.timecodec import to_columns

if TYPE_CHECKING:
    from pfrelax.store.db import Database


@dataclass(frozen=True, slots=True)
class ImportSummary:
    runs_added: int
    runs_already_there: int
    checkins_added: int
    checkins_already_there: int


def import_csv(db: Database, folder: Path) -> ImportSummary:
    """Import `runs.csv` and `checkins.csv` from `folder`: all of it, or (on DataFileError) none."""
    return _merge(db, read_csv_folder(folder))


def import_json(db: Database, file: Path) -> ImportSummary:
    """Import a JSON export: all of it, or (on DataFileError) none."""
    return _merge(db, read_json_file(file))


def _merge(db: Database, batch: Batch) -> ImportSummary:
    """Add runs and check-ins that are not already there, keeping their ids when those are free.

    "Already there" is a natural key, not the id: a run is its session and start time; a
    check-in is its time, moment and run. So importing the same export twice adds nothing, and
    an export from another computer (whose ids overlap ours) still merges.
    """
    problems: list[str] = []
    with db.transaction() as con:
        run_ids, runs_added = _merge_runs(con, batch.runs)
        checkins_added = _merge_checkins(con, batch.checkins, run_ids, problems)
        if problems:
            raise DataFileError(problems)  # rolls the transaction back: nothing is imported
    return ImportSummary(
        runs_added,
        len(batch.runs) - runs_added,
        checkins_added,
        len(batch.checkins) - checkins_added,
    )


def _merge_runs(con: sqlite3.Connection, runs: list[RunIn]) -> tuple[dict[int, int], int]:
    """Insert new runs; returns {id in the file: id in the database} and how many were new."""
    run_ids: dict[int, int] = {}
    added = 0
    for run in runs:
        started, started_offset = to_columns(run.started)
        row = con.execute(
            "SELECT id FROM runs WHERE session_id = ? AND started = ?", (run.session, started)
        ).fetchone()
        if row is not None:
            run_ids[run.file_id] = row[0]
            continue
        # A run exported mid-session has no end: it is history now, stopped where it got to.
        ended, ended_offset = (
            to_columns(run.ended) if run.ended else (started + run.seconds, started_offset)
        )
        cursor = con.execute(
            "INSERT INTO runs (id, session_id, session_title, pack_id, pack_version, started, "
            "started_offset, ended, ended_offset, seconds, status, progress_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _free_id(con, "runs", run.file_id),
                run.session,
                run.title,
                run.pack,
                run.pack_version,
                started,
                started_offset,
                ended,
                ended_offset,
                run.seconds,
                "completed" if run.completed else "stopped",
                ended,
            ),
        )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        run_ids[run.file_id] = cursor.lastrowid
        added += 1
    return run_ids, added


def _merge_checkins(
    con: sqlite3.Connection,
    checkins: list[CheckinIn],
    run_ids: dict[int, int],
    problems: list[str],
) -> int:
    added = 0
    for checkin in checkins:
        at, offset = to_columns(checkin.time)
        run_id = _run_of(con, checkin, at, run_ids)
        if checkin.moment in RUN_MOMENTS and run_id is None:
            problems.append(
                f"{checkin.prefix}session: there is no run of {checkin.session!r} in the "
                f"import or in your history to attach this {checkin.moment} check-in to"
            )
            continue
        present = con.execute(
            "SELECT 1 FROM checkins WHERE at = ? AND moment = ? AND run_id IS ?",
            (at, checkin.moment, run_id),
        ).fetchone()
        if present is None:
            checkin_id = _free_id(con, "checkins", checkin.file_id)
            row = (checkin_id, run_id, at, offset, checkin.moment, checkin.note)
            insert_checkin(con, row, list(checkin.values.items()))
            added += 1
    return added


def _run_of(
    con: sqlite3.Connection, checkin: CheckinIn, at: int, run_ids: dict[int, int]
) -> int | None:
    """The database id of the run a before/after check-in belongs to.

    JSON names the run by id. The CSV only names the session, so the run of that session whose
    start (for "before") or end (for "after") is nearest the check-in is the one: sessions of
    the same kind are hours apart, check-ins minutes from their run.
    """
    if checkin.moment not in RUN_MOMENTS:
        return None
    if checkin.run_ref is not None:
        return run_ids.get(checkin.run_ref)
    edge = "started" if checkin.moment == "before" else "coalesce(ended, started)"
    row = con.execute(
        f"SELECT id FROM runs WHERE session_id = ? ORDER BY abs({edge} - ?), id LIMIT 1",
        (checkin.session, at),
    ).fetchone()
    return None if row is None else int(row[0])


def _free_id(con: sqlite3.Connection, table: str, wanted: int) -> int | None:
    """`wanted` if no row has it yet (so a round trip keeps ids), else None: SQLite picks one."""
    taken = con.execute(f"SELECT 1 FROM {table} WHERE id = ?", (wanted,)).fetchone()
    return None if taken else wanted
