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

from pfrelax.store.export import CHECKINS_CSV
from pfrelax.store.fields import Problems, shown
from pfrelax.store.import_read import CheckinIn, RatingRow, RunIn
from pfrelax.store.models import a_checkin
from pfrelax.store.timecodec import from_columns, to_columns, to_iso

_TABLES = """
CREATE TEMP TABLE import_runs (
    seq INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL,
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
    completed INTEGER NOT NULL,
    length_seconds INTEGER
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
    line INTEGER,  -- CSV: the row it came from, for messages
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
# Rows inserted at once: far fewer calls into SQLite, and still little memory.
_BATCH = 2000
TEMP_TABLES = ("import_runs", "import_checkins", "import_values", "import_edges", "import_run_ids")
_RUN_ROW = "INSERT INTO import_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_CHECKIN_ROW = (
    "INSERT INTO import_checkins (seq, file_id, place, prefix, at, at_offset, moment, session, "
    "run_ref, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_VALUE_ROW = "INSERT INTO import_values (seq, measure, value, line) VALUES (?, ?, ?, ?)"


@dataclass(slots=True)
class _Group:
    """Consecutive CSV rows of one check-in, gathered before it is staged."""

    checkin: CheckinIn
    lines: dict[str, int] = field(default_factory=dict)  # measure: the line of its row


class Staging:
    """Stage runs and check-ins in the caller's transaction; problems go to `problems`.

    Rows are held back and inserted a batch at a time; `finish()` writes the rest and runs the
    checks that need every row.
    """

    def __init__(
        self, con: sqlite3.Connection, problems: Problems, *, one_id_per_checkin: bool
    ) -> None:
        """`one_id_per_checkin`: CSV, whose rows of one check-in share its id; a JSON export
        may hold two check-ins with one id (from two computers), and both are kept."""
        self.con = con
        self.problems = problems
        self.runs = 0
        self.checkins = 0
        self._one_id_per_checkin = one_id_per_checkin
        self._runs: list[tuple[object, ...]] = []
        self._checkins: list[tuple[object, ...]] = []
        self._values: list[tuple[int, str, int | None, int | None]] = []
        drop(con)
        for statement in _TABLES.split(";"):
            if statement.strip():
                con.execute(statement)

    def add_run(self, run: RunIn) -> None:
        started, started_offset = to_columns(run.started)
        ended, ended_offset = to_columns(run.ended) if run.ended else (None, None)
        self.runs += 1
        self._runs.append(
            (
                self.runs,
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
                run.length_seconds,
            )
        )
        if len(self._runs) >= _BATCH:
            self._flush()

    def add_checkin(self, checkin: CheckinIn, lines: dict[str, int] | None = None) -> None:
        """Stage a whole check-in (JSON: one object each; CSV: the rows of one, gathered)."""
        at, offset = to_columns(checkin.time)
        self.checkins += 1
        seq = self.checkins
        self._checkins.append(
            (
                seq,
                checkin.file_id,
                checkin.where,
                checkin.prefix,
                at,
                offset,
                checkin.moment,
                checkin.session,
                checkin.run_ref,
                checkin.note,
            )
        )
        lines = lines or {}
        self._values.extend(
            (seq, measure, value, lines.get(measure)) for measure, value in checkin.values.items()
        )
        if len(self._values) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        for statement, rows in (
            (_RUN_ROW, self._runs),
            (_CHECKIN_ROW, self._checkins),
            (_VALUE_ROW, self._values),
        ):
            if rows:
                self.con.executemany(statement, rows)
                rows.clear()

    def add_ratings(self, rows: Iterable[RatingRow]) -> None:
        """CSV: one row per rating. Rows of one check-in are gathered while they are next to
        each other (as an export writes them); `finish` joins one that turns up later."""
        group: _Group | None = None
        for row in rows:
            if group is not None and group.checkin.file_id == row.checkin.file_id:
                self._add_to_group(group, row)
                continue
            if group is not None:
                self.add_checkin(group.checkin, group.lines)
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
            group = _Group(checkin, {row.measure: row.line})
        if group is not None:
            self.add_checkin(group.checkin, group.lines)

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
        group.lines[row.measure] = row.line

    def finish(self) -> None:
        """Write what is held back, then the checks across every row: a run id used twice;
        in a CSV, rows of one check-in apart in the file (joined, if they agree)."""
        self._flush()
        # Made now, not before: one sort of everything is cheaper than keeping them up to date.
        self.con.execute("CREATE INDEX temp.import_runs_by_id ON import_runs (file_id, seq)")
        self.con.execute(
            "CREATE INDEX temp.import_checkins_by_id ON import_checkins (file_id, seq)"
        )
        duplicates = self.con.execute(
            "SELECT r.place, r.file_id, (SELECT f.place FROM import_runs f WHERE f.file_id = "
            "r.file_id ORDER BY f.seq LIMIT 1) FROM import_runs r WHERE EXISTS (SELECT 1 FROM "
            "import_runs f WHERE f.file_id = r.file_id AND f.seq < r.seq) ORDER BY r.seq"
        ).fetchall()
        for place, file_id, first in duplicates:
            self.problems.append(f"{place}: run_id {file_id} is already used by {first}")
        if self._one_id_per_checkin:
            split = self.con.execute(
                "SELECT file_id FROM import_checkins GROUP BY file_id HAVING count(*) > 1 "
                "ORDER BY min(seq)"
            ).fetchall()
            for (file_id,) in split:
                self._join_split(file_id)

    def _join_split(self, file_id: int) -> None:
        """The rows of check-in `file_id` came in several places: join the later parts to the
        first, if they agree, as if the rows had been together."""
        parts = self.con.execute(
            "SELECT seq, place, prefix, at, at_offset, moment, session, note FROM "
            "import_checkins WHERE file_id = ? ORDER BY seq",
            (file_id,),
        ).fetchall()
        first_seq, *first_row = parts[0]
        first = _stored(file_id, *first_row)
        for seq, *row in parts[1:]:
            later = _stored(file_id, *row)
            self.con.execute("DELETE FROM import_checkins WHERE seq = ?", (seq,))
            self.checkins -= 1
            if not agree(first, later, self.problems):
                continue
            if not first.note and later.note:
                first.note = later.note
                self.con.execute(
                    "UPDATE import_checkins SET note = ? WHERE seq = ?", (later.note, first_seq)
                )
            self._move_values(seq, first_seq, file_id)

    def _move_values(self, seq: int, first_seq: int, file_id: int) -> None:
        values = self.con.execute(
            "SELECT measure, line FROM import_values WHERE seq = ? ORDER BY line", (seq,)
        ).fetchall()
        for measure, line in values:
            try:
                self.con.execute(
                    "UPDATE import_values SET seq = ? WHERE seq = ? AND measure = ?",
                    (first_seq, seq, measure),
                )
            except sqlite3.IntegrityError:
                self.problems.append(
                    f"{CHECKINS_CSV}:{line}: column measure: check-in {file_id} already has a "
                    f"{measure} rating"
                )
        self.con.execute("DELETE FROM import_values WHERE seq = ?", (seq,))

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


def _stored(
    file_id: int,
    place: str,
    prefix: str,
    at: int,
    offset: int,
    moment: str,
    session: str | None,
    note: str,
) -> CheckinIn:
    return CheckinIn(place, prefix, file_id, from_columns(at, offset), moment, session, None, note)


def _show(value: object) -> str:
    return to_iso(value) if isinstance(value, datetime) else shown(value)


def drop(con: sqlite3.Connection) -> None:
    for table in TEMP_TABLES:
        con.execute(f"DROP TABLE IF EXISTS temp.{table}")
