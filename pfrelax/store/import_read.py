"""Reading an export back into records, collecting every problem with its file, line and column."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pfrelax.store.errors import DataFileError
from pfrelax.store.export import (
    CHECKIN_COLUMNS,
    CHECKINS_CSV,
    EXPORT_FORMAT,
    EXPORT_VERSION,
    RUN_COLUMNS,
    RUNS_CSV,
)
from pfrelax.store.fields import (
    FieldError,
    Record,
    parse_flag,
    parse_id,
    parse_measure,
    parse_moment,
    parse_name,
    parse_optional_id,
    parse_optional_text,
    parse_optional_time,
    parse_rating,
    parse_seconds,
    parse_text,
    parse_time,
)
from pfrelax.store.models import RUN_MOMENTS, a_checkin
from pfrelax.store.timecodec import to_iso


@dataclass(frozen=True, slots=True)
class RunIn:
    where: str  # "runs.csv:5" or "export.json: runs[3]", for messages
    file_id: int
    session: str
    title: str
    pack: str | None
    pack_version: str | None
    started: datetime
    ended: datetime | None
    seconds: int
    completed: bool


@dataclass(slots=True)
class CheckinIn:
    where: str
    prefix: str  # "checkins.csv:5: column " or "export.json: checkins[3].", for messages
    file_id: int
    time: datetime
    moment: str
    session: str | None
    run_ref: int | None  # the file's run id (JSON); None means find the run by session (CSV)
    note: str
    values: dict[str, int | None]


@dataclass(frozen=True, slots=True)
class Batch:
    runs: list[RunIn]
    checkins: list[CheckinIn]


def read_csv_folder(folder: Path) -> Batch:
    """Both CSV files of an export, validated; DataFileError lists every problem found."""
    problems: list[str] = []
    runs = [
        run
        for line, row in _csv_rows(folder / RUNS_CSV, RUN_COLUMNS, problems)
        if (run := read_run(row, f"{RUNS_CSV}:{line}", f"{RUNS_CSV}:{line}: column ", problems))
    ]
    checkins = _group_checkin_rows(folder / CHECKINS_CSV, problems)
    check_unique_runs(runs, problems)
    if problems:
        raise DataFileError(problems)
    return Batch(runs, checkins)


def read_run(
    data: Mapping[str, object], where: str, prefix: str, problems: list[str]
) -> RunIn | None:
    record = Record(data, prefix, problems)
    session = record.take("session", parse_name)
    run = RunIn(
        where=where,
        file_id=record.take("run_id", parse_id),
        session=session,
        # The CSV has no title column: the session id stands in until the library knows better.
        title=record.take("title", parse_optional_text) or session,
        pack=record.take("pack", parse_optional_text),
        pack_version=record.take("pack_version", parse_optional_text),
        started=record.take("started", parse_time),
        ended=record.take("ended", parse_optional_time),
        seconds=record.take("seconds", parse_seconds),
        completed=record.take("completed", parse_flag),
    )
    if record.ok and (run.pack is None) != (run.pack_version is None):
        record.problem("pack_version", "give both the pack and its version, or neither")
    if record.ok and run.ended is not None and run.ended < run.started:
        record.problem("ended", f"{to_iso(run.ended)} is before the run started")
    return run if record.ok else None


def read_checkin(
    data: Mapping[str, object], where: str, prefix: str, problems: list[str]
) -> CheckinIn | None:
    """The parts every row of a check-in shares; values are added by the caller."""
    record = Record(data, prefix, problems)
    checkin = CheckinIn(
        where=where,
        prefix=prefix,
        file_id=record.take("checkin_id", parse_id),
        time=record.take("time", parse_time),
        moment=record.take("moment", parse_moment),
        session=record.take("session", parse_optional_text),
        run_ref=None,
        note=record.take("note", parse_text),
        values={},
    )
    if record.ok and (checkin.moment in RUN_MOMENTS) != (checkin.session is not None):
        if checkin.session is None:
            record.problem(
                "session", f"{a_checkin(checkin.moment)} needs the session it belongs to"
            )
        else:
            record.problem(
                "session", f"{a_checkin(checkin.moment)} belongs to no session; leave it empty"
            )
    return checkin if record.ok else None


def check_unique_runs(runs: list[RunIn], problems: list[str]) -> None:
    first: dict[int, RunIn] = {}
    for run in runs:
        other = first.setdefault(run.file_id, run)
        if other is not run:
            problems.append(f"{run.where}: run_id {run.file_id} is already used by {other.where}")


def _group_checkin_rows(path: Path, problems: list[str]) -> list[CheckinIn]:
    """Rows of one check-in (one per rating) back into one check-in; they must agree."""
    checkins: dict[int, CheckinIn] = {}
    for line, row in _csv_rows(path, CHECKIN_COLUMNS, problems):
        where, prefix = f"{CHECKINS_CSV}:{line}", f"{CHECKINS_CSV}:{line}: column "
        row_checkin = read_checkin(row, where, prefix, problems)
        record = Record(row, prefix, problems)
        measure = record.take("measure", parse_measure)
        value = record.take("value", parse_rating)
        if row_checkin is None or not record.ok:
            continue
        checkin = checkins.setdefault(row_checkin.file_id, row_checkin)
        if _same_checkin(checkin, row_checkin, record) and measure in checkin.values:
            record.problem("measure", f"check-in {checkin.file_id} already has a {measure} rating")
        checkin.values[measure] = value
    return list(checkins.values())


def _same_checkin(first: CheckinIn, row: CheckinIn, record: Record) -> bool:
    for key in ("time", "moment", "session", "note"):
        mine, theirs = getattr(row, key), getattr(first, key)
        if mine != theirs:
            record.problem(
                key,
                f"check-in {first.file_id} has {_show(theirs)} on {first.where}; every row "
                "of one check-in must have the same time, moment, session and note",
            )
    return record.ok


def _show(value: object) -> str:
    return to_iso(value) if isinstance(value, datetime) else repr(value)


def _csv_rows(
    path: Path, columns: tuple[str, ...], problems: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each data row, a row starting on line N reported as N. A generator, so
    problems come out in line order, interleaved with those the caller finds in the rows."""
    name, expected = path.name, ",".join(columns)
    text = _read_text(path, problems)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header != list(columns):
            found = "nothing" if header is None else ",".join(header)
            problems.append(f"{name}:1: the first line must be {expected} (found {found})")
            return
        line = reader.line_num + 1
        for fields in reader:
            if len(fields) == len(columns):
                yield line, dict(zip(columns, fields, strict=True))
            elif fields:  # a blank line is harmless
                count = len(fields)
                problems.append(f"{name}:{line}: expected {expected} but found {count} columns")
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(f"{name}:{reader.line_num}: {error}")


def _read_text(path: Path, problems: list[str]) -> str | None:
    if not path.is_file():
        problems.append(
            f"{path.name}: not found in {path.parent}; `pfrelax export --csv FOLDER` writes it"
        )
        return None
    data = path.read_bytes()
    try:
        # utf-8-sig: spreadsheet programs often save CSV with a byte-order mark.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            f"{path.name}:{line}: is not UTF-8 text; save it as CSV UTF-8 and try again"
        )
        return None


def load_json_document(file: Path) -> dict[str, object]:
    """The top level of a JSON export, checked for format and version."""
    name = file.name
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DataFileError([f"{file}: there is no file here"]) from error
    except UnicodeDecodeError as error:
        raise DataFileError([f"{name}: is not UTF-8 text (byte {error.start})"]) from error
    except json.JSONDecodeError as error:
        raise DataFileError(
            [f"{name}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"]
        ) from error
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise DataFileError(
            [f'{name}: is not a pfrelax export (it needs "format": "{EXPORT_FORMAT}")']
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataFileError([f"{name}: version: {version!r} is not an export version"])
    if version > EXPORT_VERSION:
        raise DataFileError(
            [
                f"{name} was written by a newer version of pfrelax (export version {version}; "
                f"this version reads up to {EXPORT_VERSION}). Update pfrelax."
            ]
        )
    return document


_JSON_RUN_KEYS = (*RUN_COLUMNS, "title")
_JSON_CHECKIN_KEYS = ("checkin_id", "time", "moment", "session", "run_id", "note", "values")


def read_json_file(file: Path) -> Batch:
    """A JSON export, validated; DataFileError lists every problem with its key path."""
    document = load_json_document(file)
    problems: list[str] = []
    record = Record(document, f"{file.name}: ", problems)
    record.reject_unknown(("format", "version", "checkins", "runs"))
    runs = [
        run
        for where, item in _json_items(document, "runs", file.name, problems)
        if (run := _json_run(item, where, problems))
    ]
    checkins = [
        checkin
        for where, item in _json_items(document, "checkins", file.name, problems)
        if (checkin := _json_checkin(item, where, problems))
    ]
    check_unique_runs(runs, problems)
    _check_run_refs(checkins, runs, problems)
    if problems:
        raise DataFileError(problems)
    return Batch(runs, checkins)


def _json_items(
    document: Mapping[str, object], key: str, name: str, problems: list[str]
) -> list[tuple[str, Mapping[str, object]]]:
    items = document.get(key, [])
    if not isinstance(items, list):
        problems.append(f"{name}: {key}: is not a list")
        return []
    found: list[tuple[str, Mapping[str, object]]] = []
    for index, item in enumerate(items):
        if isinstance(item, dict):
            found.append((f"{name}: {key}[{index}]", item))
        else:
            problems.append(f"{name}: {key}[{index}]: is not an object")
    return found


def _json_run(item: Mapping[str, object], where: str, problems: list[str]) -> RunIn | None:
    Record(item, f"{where}.", problems).reject_unknown(_JSON_RUN_KEYS)
    return read_run(item, where, f"{where}.", problems)


def _json_checkin(item: Mapping[str, object], where: str, problems: list[str]) -> CheckinIn | None:
    prefix = f"{where}."
    record = Record(item, prefix, problems)
    record.reject_unknown(_JSON_CHECKIN_KEYS)
    run_ref = record.take("run_id", parse_optional_id)
    values = item.get("values")
    if not isinstance(values, dict) or not values:
        record.problem("values", 'needs at least one rating, like {"distress": 3}')
        values = {}
    ratings = _json_ratings(values, f"{prefix}values.", problems)
    checkin = read_checkin(item, where, prefix, problems)
    if checkin is None or ratings is None or not record.ok:
        return None
    checkin.run_ref = run_ref
    checkin.values = ratings
    return checkin


def _json_ratings(
    values: Mapping[str, object], prefix: str, problems: list[str]
) -> dict[str, int | None] | None:
    record = Record(values, prefix, problems)
    ratings: dict[str, int | None] = {}
    for measure in values:
        try:
            parse_measure(measure)
        except FieldError as bad:
            record.problem(measure, str(bad))
            continue
        ratings[measure] = record.take(measure, parse_rating)
    return ratings if record.ok else None


def _check_run_refs(checkins: list[CheckinIn], runs: list[RunIn], problems: list[str]) -> None:
    """A JSON check-in may name its run by id: it must be in the file and of the same session."""
    sessions = {run.file_id: run.session for run in runs}
    for checkin in checkins:
        if checkin.run_ref is None:
            continue  # no run id: found by session, as for CSV
        if checkin.session is None:
            problems.append(f"{checkin.prefix}run_id: {a_checkin(checkin.moment)} has no run")
        elif checkin.run_ref not in sessions:
            problems.append(
                f"{checkin.prefix}run_id: {checkin.run_ref!r} is not a run in this file"
            )
        elif sessions[checkin.run_ref] != checkin.session:
            problems.append(
                f"{checkin.prefix}session: {checkin.session!r} is not the session of run "
                f"{checkin.run_ref} ({sessions[checkin.run_ref]!r})"
            )
