"""Export the history as CSV (one row per rating) or one JSON file, streamed row by row.

Byte-stable for equal data. Memory stays flat at any size: rows go from the query to the file
one at a time. A row whose stored time cannot be a date (written by an older pfrelax, or edited
by hand) is left out and counted, so one bad row never stops the export of everything else.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pfrelax.core.data_words import KindCounts
from pfrelax.durable import sync_folder
from pfrelax.store.csv_cells import guarded
from pfrelax.store.export_heart import (
    HEART_CSV,
    RESONANCE_CSV,
    heart_records,
    resonance_records,
    write_heart_csv,
    write_resonance_csv,
)
from pfrelax.store.files import OWNER_ONLY_DIR, private_temp_file, remove_quietly
from pfrelax.store.models import NOT_ATTEMPTED
from pfrelax.store.recovery import damaged, is_damage
from pfrelax.store.timecodec import iso_from_columns

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from pfrelax.store.db import Database

CHECKINS_CSV = "checkins.csv"
RUNS_CSV = "runs.csv"
CHECKIN_COLUMNS = ("checkin_id", "time", "moment", "session", "measure", "value", "note")
RUN_COLUMNS = (
    "run_id",
    "session",
    "pack",
    "pack_version",
    "started",
    "ended",
    "seconds",
    "completed",
    "length_seconds",  # the session's length (schema v4); empty when unknown, and in older files
)
DILATOR_CSV = "dilator.csv"
DILATOR_COLUMNS = (
    "log_id",
    "time",
    "run_id",
    "size",
    "depth",
    "minutes",
    "insertion_pain",
    "anxiety",
    "note",
)
QUESTION_KEYS = ("id", "question", "low", "high")
EXPORT_FORMAT = "pfrelax-export"
# 2 added the practice log ("dilator") and the wording of a PT's own questions ("questions");
# 3 the heart figures of runs ("heart") and the pace finder's results ("resonance").
EXPORT_VERSION = 3

ExportRecord = dict[str, object]


@dataclass(frozen=True, slots=True)
class ExportCounts:
    runs: int
    checkins: int
    left_out: int = 0  # rows whose stored time is not a date: not written
    practice_logs: int = 0
    heart_figures: int = 0  # runs whose heart figures were written
    finder_results: int = 0

    def kinds(self) -> KindCounts:
        """What was written, as the export's message counts it."""
        return KindCounts(
            self.checkins, self.runs, self.practice_logs, self.heart_figures, self.finder_results
        )


class _Tally:
    def __init__(self) -> None:
        self.written = 0
        self.left_out = 0


def export_csv(db: Database, folder: Path) -> ExportCounts:
    """Write `checkins.csv`, `runs.csv`, `dilator.csv`, `heart.csv` and `resonance.csv` into
    `folder` (created if needed)."""
    runs, checkins, logs, heart, finder = (_Tally() for _ in range(5))
    with _reading(db) as con:

        def heart_csv(out: TextIO) -> None:
            heart.written = write_heart_csv(out, con, _csv_line)

        def resonance_csv(out: TextIO) -> None:
            finder.written = write_resonance_csv(out, con, _csv_line)

        _write_atomically(folder / RUNS_CSV, lambda out: _write_runs_csv(out, con, runs))
        _write_atomically(
            folder / CHECKINS_CSV, lambda out: _write_checkins_csv(out, con, checkins)
        )
        _write_atomically(folder / DILATOR_CSV, lambda out: _write_dilator_csv(out, con, logs))
        _write_atomically(folder / HEART_CSV, heart_csv)
        _write_atomically(folder / RESONANCE_CSV, resonance_csv)
    return _counts((runs, checkins, logs, heart, finder))


def _counts(tallies: tuple[_Tally, _Tally, _Tally, _Tally, _Tally]) -> ExportCounts:
    runs, checkins, logs, heart, finder = tallies
    left_out = runs.left_out + checkins.left_out + logs.left_out
    return ExportCounts(
        runs.written, checkins.written, left_out, logs.written, heart.written, finder.written
    )


def export_json(db: Database, file: Path) -> ExportCounts:
    """Write everything to one JSON file: {"format": "pfrelax-export", "version": 1, ...}."""
    tallies = (_Tally(), _Tally(), _Tally(), _Tally(), _Tally())
    with _reading(db) as con:
        _write_atomically(file, lambda out: _write_json(out, con, tallies))
    return _counts(tallies)


def _counted(records: Iterator[ExportRecord], tally: _Tally) -> Iterator[ExportRecord]:
    for record in records:
        tally.written += 1
        yield record


@contextmanager
def _reading(db: Database) -> Iterator[sqlite3.Connection]:
    """One consistent snapshot; damage met while reading it is DamagedDatabaseError."""
    try:
        with db.snapshot() as con:
            yield con
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise damaged(db.path, str(error)) from error
        raise


def _write_json(
    out: TextIO, con: sqlite3.Connection, tallies: tuple[_Tally, _Tally, _Tally, _Tally, _Tally]
) -> None:
    """The same bytes json.dumps(document, indent=2) gives, one record at a time."""
    runs, checkins, logs, heart, finder = tallies
    out.write(f'{{\n  "format": "{EXPORT_FORMAT}",\n  "version": {EXPORT_VERSION},\n')
    _write_json_list(out, "checkins", _checkin_records(con, checkins))
    out.write(",\n")
    _write_json_list(out, "runs", _run_records(con, runs))
    out.write(",\n")
    _write_json_list(out, "dilator", _dilator_records(con, logs))
    out.write(",\n")
    _write_json_list(out, "questions", _question_records(con))
    out.write(",\n")
    _write_json_list(out, "heart", _counted(heart_records(con), heart))
    out.write(",\n")
    _write_json_list(out, "resonance", _counted(resonance_records(con), finder))
    out.write("\n}\n")


def _write_json_list(out: TextIO, key: str, records: Iterator[ExportRecord]) -> None:
    out.write(f'  "{key}": [')
    first = True
    for record in records:
        out.write("\n    " if first else ",\n    ")
        # json.dumps escapes every newline inside a string, so each "\n" here is layout.
        out.write(json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    "))
        first = False
    out.write("]" if first else "\n  ]")


_RUNS_QUERY = (
    "SELECT id, CAST(session_id AS BLOB), CAST(session_title AS BLOB), CAST(pack_id AS BLOB), "
    "CAST(pack_version AS BLOB), started, started_offset, ended, ended_offset, seconds, status, "
    "length_seconds FROM runs ORDER BY started, id"
)


def _run_records(con: sqlite3.Connection, tally: _Tally) -> Iterator[ExportRecord]:
    for row in con.execute(_RUNS_QUERY):
        record = _run_record(*row)
        if record is None:
            tally.left_out += 1
        else:
            tally.written += 1
            yield record


def _run_record(  # one parameter per column of the SELECT above
    run_id: int,
    session: bytes | None,
    title: bytes | None,
    pack: bytes | None,
    version: bytes | None,
    started: object,
    started_offset: object,
    ended: object,
    ended_offset: object,
    seconds: object,
    status: object,
    length: object,
) -> ExportRecord | None:
    started_iso = iso_from_columns(started, started_offset)
    ended_iso = None if ended is None else iso_from_columns(ended, ended_offset or 0)
    if started_iso is None or (ended is not None and ended_iso is None):
        return None
    if not isinstance(seconds, int) or seconds < 0:
        return None
    return {
        "run_id": run_id,
        "session": _text(session) or "",
        "title": _text(title) or "",
        "pack": _text(pack),
        "pack_version": _text(version),
        "started": started_iso,
        "ended": ended_iso,
        "seconds": seconds,
        "completed": status == "completed",
        # Only what the table's CHECK allows; anything else is unknown rather than a lost row.
        "length_seconds": length if isinstance(length, int) and length > 0 else None,
    }


_CHECKINS_QUERY = (
    "SELECT c.id, c.at, c.at_offset, c.moment, c.run_id, CAST(r.session_id AS BLOB), "
    "CAST(c.note AS BLOB), CAST(v.measure AS BLOB), v.value "
    "FROM checkins c LEFT JOIN runs r ON r.id = c.run_id "
    "JOIN checkin_values v ON v.checkin_id = c.id ORDER BY c.at, c.id, v.measure"
)


def _checkin_records(con: sqlite3.Connection, tally: _Tally) -> Iterator[ExportRecord]:
    """One record per check-in, built from its consecutive rows (one per rating)."""
    record: ExportRecord | None = None
    current_id: int | None = None
    values: dict[str, int | None] = {}
    for checkin_id, at, offset, moment, run_id, session, note, measure, value in con.execute(
        _CHECKINS_QUERY
    ):
        if checkin_id != current_id:
            if record is not None:
                yield record
            current_id, values = checkin_id, {}
            time = iso_from_columns(at, offset)
            if time is None:
                record = None
                tally.left_out += 1
                continue
            tally.written += 1
            record = {
                "checkin_id": checkin_id,
                "time": time,
                "moment": _text(moment),
                "session": _text(session),
                "run_id": run_id,
                "note": _text(note) or "",
                "values": values,
            }
        if record is not None:
            values[_text(measure) or ""] = value
    if record is not None:
        yield record


_DILATOR_QUERY = (
    "SELECT id, at, at_offset, run_id, CAST(size AS BLOB), depth, minutes, insertion_pain, "
    "anxiety, CAST(note AS BLOB) FROM dilator_logs ORDER BY at, id"
)


def _dilator_records(con: sqlite3.Connection, tally: _Tally) -> Iterator[ExportRecord]:
    for log_id, at, offset, run_id, size, depth, minutes, pain, anxiety, note in con.execute(
        _DILATOR_QUERY
    ):
        time = iso_from_columns(at, offset)
        if time is None:
            tally.left_out += 1
            continue
        tally.written += 1
        yield {
            "log_id": log_id,
            "time": time,
            "run_id": run_id,
            "size": _text(size) or "",
            "depth": _text(depth),
            "minutes": minutes,
            "insertion_pain": pain,
            "anxiety": anxiety,
            "note": _text(note) or "",
        }


def _question_records(con: sqlite3.Connection) -> Iterator[ExportRecord]:
    query = "SELECT id, question, low, high FROM own_questions ORDER BY id"
    for row in con.execute(query):
        yield {key: _text(value) or "" for key, value in zip(QUESTION_KEYS, row, strict=True)}


def _write_dilator_csv(out: TextIO, con: sqlite3.Connection, tally: _Tally) -> None:
    out.write(_csv_line(DILATOR_COLUMNS))
    for log in _dilator_records(con, tally):
        out.write(_csv_line([_cell(log[column]) for column in DILATOR_COLUMNS]))


def _text(value: object) -> str | None:
    """Stored text as str; bytes that are not UTF-8 (a hand-edited row) get U+FFFD, not an error."""
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _write_runs_csv(out: TextIO, con: sqlite3.Connection, tally: _Tally) -> None:
    out.write(_csv_line(RUN_COLUMNS))
    for run in _run_records(con, tally):
        out.write(_csv_line([_cell(run[column]) for column in RUN_COLUMNS]))


def _csv_line(cells: Sequence[object]) -> str:
    """One CSV record ending in "\n".

    Written with "\r\n" as the terminator and then trimmed, because the writer only quotes a
    field that contains a character of its terminator: with "\n" alone, a note holding a bare
    "\r" would go out unquoted and split the row when read back. Text a spreadsheet would run
    as a formula is guarded (`csv_cells`).
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([guarded(cell) for cell in cells])
    return buffer.getvalue()[:-2] + "\n"


def _cell(value: object) -> object:
    """CSV spelling: empty for none, 0/1 for a yes/no."""
    if value is None:
        return ""
    return int(value) if isinstance(value, bool) else value


def _write_checkins_csv(out: TextIO, con: sqlite3.Connection, tally: _Tally) -> None:
    out.write(_csv_line(CHECKIN_COLUMNS))
    for checkin in _checkin_records(con, tally):
        values = checkin["values"]
        assert isinstance(values, dict)  # built by _checkin_records
        for measure, value in values.items():
            out.write(
                _csv_line(
                    [
                        checkin["checkin_id"],
                        checkin["time"],
                        checkin["moment"],
                        checkin["session"] or "",
                        measure,
                        NOT_ATTEMPTED if value is None else value,
                        checkin["note"],
                    ]
                )
            )


def _write_atomically(target: Path, write: Callable[[TextIO], object]) -> None:
    """Write UTF-8 text via a 0600 temp file and a rename: never a half-written export.

    OSError names `target` (not the temp file) whatever goes wrong.
    """
    try:
        target.parent.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
        temp = private_temp_file(target.parent, ".tmp")
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(target)) from error
    try:
        with temp.open("w", encoding="utf-8", newline="") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        temp.replace(target)
        sync_folder(target.parent)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(target)) from error
    finally:
        remove_quietly(temp)
