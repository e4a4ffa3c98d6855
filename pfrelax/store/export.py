"""Export the history as CSV (one row per rating) or one JSON file; byte-stable for equal data."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pfrelax.store.files import OWNER_ONLY_DIR, private_temp_file, remove_quietly
from pfrelax.store.models import NOT_ATTEMPTED
from pfrelax.store.timecodec import from_columns, to_iso

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
)
EXPORT_FORMAT = "pfrelax-export"
EXPORT_VERSION = 1

ExportRecord = dict[str, object]


@dataclass(frozen=True, slots=True)
class ExportCounts:
    runs: int
    checkins: int


def export_csv(db: Database, folder: Path) -> ExportCounts:
    """Write `checkins.csv` and `runs.csv` into `folder` (created if needed)."""
    runs, checkins = _records(db)
    folder.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
    _write_atomically(folder / RUNS_CSV, lambda out: _write_runs_csv(out, runs))
    _write_atomically(folder / CHECKINS_CSV, lambda out: _write_checkins_csv(out, checkins))
    return ExportCounts(len(runs), len(checkins))


def export_json(db: Database, file: Path) -> ExportCounts:
    """Write everything to one JSON file: {"format": "pfrelax-export", "version": 1, ...}."""
    runs, checkins = _records(db)
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "checkins": checkins,
        "runs": runs,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    _write_atomically(file, lambda out: out.write(text))
    return ExportCounts(len(runs), len(checkins))


def _records(db: Database) -> tuple[list[ExportRecord], list[ExportRecord]]:
    """Runs and check-ins as JSON-ready dicts, read from one consistent snapshot."""
    with db.snapshot() as con:
        return _run_records(con), _checkin_records(con)


def _run_records(con: sqlite3.Connection) -> list[ExportRecord]:
    rows = con.execute(
        "SELECT id, session_id, session_title, pack_id, pack_version, started, started_offset, "
        "ended, ended_offset, seconds, status FROM runs ORDER BY started, id"
    )
    return [_run_record(*row) for row in rows]


def _run_record(  # one parameter per column of the SELECT above
    run_id: int,
    session: str,
    title: str,
    pack: str | None,
    version: str | None,
    started: int,
    started_offset: int,
    ended: int | None,
    ended_offset: int | None,
    seconds: int,
    status: str,
) -> ExportRecord:
    return {
        "run_id": run_id,
        "session": session,
        "title": title,
        "pack": pack,
        "pack_version": version,
        "started": to_iso(from_columns(started, started_offset)),
        "ended": None if ended is None else to_iso(from_columns(ended, ended_offset or 0)),
        "seconds": seconds,
        "completed": status == "completed",
    }


def _checkin_records(con: sqlite3.Connection) -> list[ExportRecord]:
    rows = con.execute(
        "SELECT c.id, c.at, c.at_offset, c.moment, c.run_id, r.session_id, c.note, v.measure, "
        "v.value FROM checkins c LEFT JOIN runs r ON r.id = c.run_id "
        "JOIN checkin_values v ON v.checkin_id = c.id ORDER BY c.at, c.id, v.measure"
    )
    records: list[ExportRecord] = []
    values: dict[str, int | None] = {}
    for checkin_id, at, offset, moment, run_id, session, note, measure, value in rows:
        if not records or records[-1]["checkin_id"] != checkin_id:
            values = {}
            records.append(
                {
                    "checkin_id": checkin_id,
                    "time": to_iso(from_columns(at, offset)),
                    "moment": moment,
                    "session": session,
                    "run_id": run_id,
                    "note": note,
                    "values": values,
                }
            )
        values[measure] = value
    return records


def _write_runs_csv(out: TextIO, runs: list[ExportRecord]) -> None:
    out.write(_csv_line(RUN_COLUMNS))
    for run in runs:
        out.write(_csv_line([_cell(run[column]) for column in RUN_COLUMNS]))


def _csv_line(cells: Sequence[object]) -> str:
    """One CSV record ending in "\n".

    Written with "\r\n" as the terminator and then trimmed, because the writer only quotes a
    field that contains a character of its terminator: with "\n" alone, a note holding a bare
    "\r" would go out unquoted and split the row when read back.
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2] + "\n"


def _cell(value: object) -> object:
    """CSV spelling: empty for none, 0/1 for a yes/no."""
    if value is None:
        return ""
    return int(value) if isinstance(value, bool) else value


def _write_checkins_csv(out: TextIO, checkins: list[ExportRecord]) -> None:
    out.write(_csv_line(CHECKIN_COLUMNS))
    for checkin in checkins:
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
    """Write UTF-8 text via a 0600 temp file and a rename: never a half-written export."""
    temp = private_temp_file(target.parent, ".tmp")
    try:
        with temp.open("w", encoding="utf-8", newline="") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        temp.replace(target)
    finally:
        remove_quietly(temp)
