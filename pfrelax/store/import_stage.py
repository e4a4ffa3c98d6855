"""An import's records, checked across rows and held in temporary tables until they are merged.

Temporary tables rather than Python lists: SQLite spills them to disk, so a million rows take no
more memory than ten, and the checks that need every row (an id used twice, the rows of one
check-in that disagree) are index lookups.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from pfrelax.store.fields import Problems, shown
from pfrelax.store.import_read import CheckinIn, RatingRow, RunIn
from pfrelax.store.models import a_checkin
from pfrelax.store.timecodec import from_columns, to_columns, to_iso

_TABLES = """
CREATE TEMP TABLE import_runs (
    seq INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL UNIQUE,
    place TEXT NOT NULL,
    session TEXT NOT NULL,
    title TEXT NOT NULL,
    pack TEXT,
    pack_version TEXT,
    started INTEGER NOT NULL,
    started_offset INTEGER NOT NULL,
    ended INTEGER,
    ended_offset INTEGER,
    seconds INTEGER NOT NULL,
    completed INTEGER NOT NULL
);
CREATE TEMP TABLE import_checkins (
    seq INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL,
    place TEXT NOT NULL,
    prefix TEXT NOT NULL,
    at INTEGER NOT NULL,
    at_offset INTEGER NOT NULL,
    moment TEXT NOT NULL,
    session TEXT,
    run_ref INTEGER,
    note TEXT NOT NULL,
    -- Filled in by import_merge: the runs nearest below and above, the run it belongs to,
    -- whether it is new, and its id in the database.
    below INTEGER,
    above INTEGER,
    run_id INTEGER,
    new INTEGER NOT NULL DEFAULT 0,
    db_id INTEGER
);
CREATE TEMP TABLE import_values (
    seq INTEGER NOT NULL,
    measure TEXT NOT NULL,
    value INTEGER,
    PRIMARY KEY (seq, measure)
) WITHOUT ROWID;
CREATE TEMP TABLE import_edges (
    session TEXT NOT NULL,
    moment TEXT NOT NULL,
    edge INTEGER NOT NULL,
    id INTEGER NOT NULL
);
CREATE TEMP TABLE import_run_ids (
    file_id INTEGER PRIMARY KEY,
    db_id INTEGER NOT NULL
);
"""
_BATCH = 5000  # ratings inserted at once: fewer calls into SQLite, and still little memory
TEMP_TABLES = ("import_runs", "import_checkins", "import_values", "import_edges", "import_run_ids")


@dataclass(slots=True)
class _Group:
    """Consecutive CSV rows of one check-in, gathered before it is staged."""

    checkin: CheckinIn
    prefixes: dict[str, str] = field(default_factory=dict)  # measure: where its row is


class Staging:
    """Stage runs and check-ins in the caller's transaction; problems go to `problems`."""

    def __init__(
        self, con: sqlite3.Connection, problems: Problems, *, one_id_per_checkin: bool
    ) -> None:
        """`one_id_per_checkin`: CSV, whose rows of one check-in share its id; a JSON export
        may hold two check-ins with one id (from two computers), and both are kept."""
        self.con = con
        self.problems = problems
        self.runs = 0
        self.checkins = 0
        self._values: list[tuple[int, str, int | None]] = []
        drop(con)
        for statement in _TABLES.split(";"):
            if statement.strip():
                con.execute(statement)
        unique = "UNIQUE" if one_id_per_checkin else ""
        con.execute(
            f"CREATE {unique} INDEX temp.import_checkins_by_id ON import_checkins (file_id)"
        )

    def add_run(self, run: RunIn) -> None:
        started, started_offset = to_columns(run.started)
        ended, ended_offset = to_columns(run.ended) if run.ended else (None, None)
        try:
            self.con.execute(
                "INSERT INTO import_runs (file_id, place, session, title, pack, pack_version, "
                "started, started_offset, ended, ended_offset, seconds, completed) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run.file_id,
                    run.where,
                    run.session,
                    run.title,
                    run.pack,
                    run.pack_version,
                    started,
                    started_offset,
                    ended,
                    ended_offset,
                    run.seconds,
                    run.completed,
                ),
            )
        except sqlite3.IntegrityError:
            (other,) = self.con.execute(
                "SELECT place FROM import_runs WHERE file_id = ?", (run.file_id,)
            ).fetchone()
            self.problems.append(f"{run.where}: run_id {run.file_id} is already used by {other}")
            return
        self.runs += 1

    def add_checkin(self, checkin: CheckinIn) -> int:
        """Stage a whole check-in (JSON: one object each, ids may repeat); returns its key."""
        at, offset = to_columns(checkin.time)
        cursor = self.con.execute(
            "INSERT INTO import_checkins (file_id, place, prefix, at, at_offset, moment, "
            "session, run_ref, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                checkin.file_id,
                checkin.where,
                checkin.prefix,
                at,
                offset,
                checkin.moment,
                checkin.session,
                checkin.run_ref,
                checkin.note,
            ),
        )
        assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
        seq = cursor.lastrowid
        self._values.extend((seq, measure, value) for measure, value in checkin.values.items())
        if len(self._values) >= _BATCH:
            self.flush()
        self.checkins += 1
        return seq

    def flush(self) -> None:
        """Write the ratings held back to be inserted many at a time."""
        self.con.executemany(
            "INSERT INTO import_values (seq, measure, value) VALUES (?, ?, ?)", self._values
        )
        self._values.clear()

    def add_ratings(self, rows: Iterable[RatingRow]) -> None:
        """CSV: one row per rating. Rows of one check-in are gathered while they are next to
        each other (as an export writes them); one that turns up later joins its check-in."""
        group: _Group | None = None
        for row in rows:
            if group is not None and group.checkin.file_id == row.checkin.file_id:
                self._add_to_group(group, row)
                continue
            if group is not None:
                self._stage_group(group)
            # A copy: the group gathers this check-in's ratings and note in it.
            c = row.checkin
            checkin = CheckinIn(
                c.where,
                c.prefix,
                c.file_id,
                c.time,
                c.moment,
                c.session,
                c.run_ref,
                c.note,
                {row.measure: row.value},
            )
            group = _Group(checkin, {row.measure: row.prefix})
        if group is not None:
            self._stage_group(group)
        self.flush()

    def _add_to_group(self, group: _Group, row: RatingRow) -> None:
        first = group.checkin
        if not row.repeated and not agree(first, row.checkin, self.problems):
            return
        if row.measure in first.values:
            self.problems.append(
                f"{row.prefix}measure: check-in {first.file_id} already has a {row.measure} rating"
            )
            return
        first.note = first.note or row.checkin.note
        first.values[row.measure] = row.value
        group.prefixes[row.measure] = row.prefix

    def _stage_group(self, group: _Group) -> None:
        checkin = group.checkin
        try:
            self.add_checkin(checkin)
            return
        except sqlite3.IntegrityError:
            pass  # its id was staged before: these rows join that check-in
        self.flush()
        earlier = self.con.execute(
            "SELECT seq, place, at, at_offset, moment, session, note FROM import_checkins "
            "WHERE file_id = ?",
            (checkin.file_id,),
        ).fetchone()
        seq, place, at, offset, moment, session, note = earlier
        stored = _stored_checkin(checkin, place, at, offset, moment, session, note)
        if not agree(stored, checkin, self.problems):
            return
        if not note and checkin.note:
            self.con.execute(
                "UPDATE import_checkins SET note = ? WHERE seq = ?", (checkin.note, seq)
            )
        for measure, value in checkin.values.items():
            try:
                self.con.execute(
                    "INSERT INTO import_values (seq, measure, value) VALUES (?, ?, ?)",
                    (seq, measure, value),
                )
            except sqlite3.IntegrityError:
                self.problems.append(
                    f"{group.prefixes[measure]}measure: check-in {checkin.file_id} already has "
                    f"a {measure} rating"
                )

    def check_run_refs(self) -> None:
        """JSON: a check-in may name its run by id; it must be in the file, of the same session."""
        rows = self.con.execute(
            "SELECT c.prefix, c.moment, c.session, c.run_ref, r.file_id, r.session "
            "FROM import_checkins c LEFT JOIN import_runs r ON r.file_id = c.run_ref "
            "WHERE c.run_ref IS NOT NULL ORDER BY c.seq"
        )
        for prefix, moment, session, run_ref, found, run_session in rows:
            if session is None:
                self.problems.append(f"{prefix}run_id: {a_checkin(moment)} has no run")
            elif found is None:
                self.problems.append(f"{prefix}run_id: {run_ref!r} is not a run in this file")
            elif run_session != session:
                self.problems.append(
                    f"{prefix}session: {session!r} is not the session of run {run_ref} "
                    f"({run_session!r})"
                )


def agree(first: CheckinIn, row: CheckinIn, problems: Problems) -> bool:
    """Rows of one check-in share its time, moment and session; its note may be on one row only
    (spreadsheets leave the cell empty on the others), or the same on each."""
    ok = True
    for key in ("time", "moment", "session"):
        mine, theirs = getattr(row, key), getattr(first, key)
        if mine != theirs:
            problems.append(
                f"{row.prefix}{key}: check-in {first.file_id} has {_show(theirs)} on "
                f"{first.where}; every row of one check-in must have the same time, moment and "
                "session"
            )
            ok = False
    if row.note and first.note and row.note != first.note:
        problems.append(
            f"{row.prefix}note: check-in {first.file_id} has the note {shown(first.note)} on "
            f"{first.where}; write a check-in's note on one of its rows, or the same on each"
        )
        ok = False
    return ok


def _stored_checkin(
    like: CheckinIn, place: str, at: int, offset: int, moment: str, session: str | None, note: str
) -> CheckinIn:
    time = from_columns(at, offset)
    return CheckinIn(place, like.prefix, like.file_id, time, moment, session, None, note)


def _show(value: object) -> str:
    return to_iso(value) if isinstance(value, datetime) else shown(value)


def drop(con: sqlite3.Connection) -> None:
    for table in TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS temp.{table}")
