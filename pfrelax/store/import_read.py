"""Reading an export back into records, streamed, with every problem's file, line and column."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pfrelax.store.csv_cells import unguarded
from pfrelax.store.export import CHECKIN_COLUMNS, CHECKINS_CSV, RUN_COLUMNS, RUNS_CSV
from pfrelax.store.fields import (
    FieldError,
    Problems,
    Record,
    TimeRange,
    parse_flag,
    parse_id,
    parse_measure,
    parse_moment,
    parse_name,
    parse_optional_id,
    parse_optional_length,
    parse_optional_line,
    parse_optional_name,
    parse_rating,
    parse_seconds,
    parse_text,
)
from pfrelax.store.models import MEASURES, NOT_ATTEMPTED, RUN_MOMENTS, a_checkin
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
    length_seconds: int | None


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
    values: dict[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RatingRow:
    """One row of checkins.csv: one rating of a check-in.

    `repeated` means the row's check-in columns are the very text of the row above, and
    `checkin` is then that row's check-in (already checked, not read again).
    """

    checkin: CheckinIn
    line: int
    prefix: str  # "checkins.csv:5: column ", for messages about this row
    measure: str
    value: int | None
    repeated: bool


def read_run(
    data: Mapping[str, object], where: str, prefix: str, problems: Problems, times: TimeRange
) -> RunIn | None:
    record = Record(data, prefix, problems)
    session = record.take("session", parse_name)
    run = RunIn(
        where=where,
        file_id=record.take("run_id", parse_id),
        session=session,
        # The CSV has no title column: the session id stands in until the library knows better.
        title=record.take("title", parse_optional_line) or session,
        pack=record.take("pack", parse_optional_line),
        pack_version=record.take("pack_version", parse_optional_line),
        started=record.take("started", times.parse),
        ended=record.take("ended", times.parse_optional),
        seconds=record.take("seconds", parse_seconds),
        completed=record.take("completed", parse_flag),
        length_seconds=record.take("length_seconds", parse_optional_length),
    )
    if record.ok and (run.pack is None) != (run.pack_version is None):
        record.problem("pack_version", "give both the pack and its version, or neither")
    if record.ok and run.ended is not None and run.ended < run.started:
        record.problem("ended", f"{to_iso(run.ended)} is before the run started")
    return run if record.ok else None


def read_checkin(
    data: Mapping[str, object], where: str, prefix: str, problems: Problems, times: TimeRange
) -> CheckinIn | None:
    """The parts every row of a check-in shares; values are added by the caller."""
    record = Record(data, prefix, problems)
    checkin = CheckinIn(
        where=where,
        prefix=prefix,
        file_id=record.take("checkin_id", parse_id),
        time=record.take("time", times.parse),
        moment=record.take("moment", parse_moment),
        session=record.take("session", parse_optional_name),
        run_ref=None,
        note=record.take("note", parse_text),
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


def csv_runs(folder: Path, problems: Problems, times: TimeRange) -> Iterator[RunIn]:
    """Each valid row of runs.csv, in file order; problems are noted as they are met."""
    for line, row in csv_rows(folder / RUNS_CSV, RUN_COLUMNS, problems, optional=1):
        where = f"{RUNS_CSV}:{line}"
        run = read_run(row, where, f"{where}: column ", problems, times)
        if run is not None:
            yield run


_CSV_RATINGS: dict[str, int | None] = {str(n): n for n in range(11)} | {NOT_ATTEMPTED: None}


def csv_ratings(folder: Path, problems: Problems, times: TimeRange) -> Iterator[RatingRow]:
    """Each valid row of checkins.csv (one rating of one check-in), in file order."""
    previous: tuple[tuple[str, ...], CheckinIn] | None = None
    for line, row in csv_rows(folder / CHECKINS_CSV, CHECKIN_COLUMNS, problems):
        prefix = f"{CHECKINS_CSV}:{line}: column "
        shared = (row["checkin_id"], row["time"], row["moment"], row["session"], row["note"])
        repeated = previous is not None and previous[0] == shared
        checkin: CheckinIn | None
        if previous is not None and repeated:
            checkin = previous[1]  # the row above, written out again: already checked
        else:
            checkin = read_checkin(row, f"{CHECKINS_CSV}:{line}", prefix, problems, times)
            previous = None if checkin is None else (shared, checkin)
        measure, value = row["measure"], _CSV_RATINGS.get(row["value"], -1)
        if measure not in MEASURES or value == -1:
            record = Record(row, prefix, problems)
            measure = record.take("measure", parse_measure)
            value = record.take("value", parse_rating)
            if not record.ok:
                continue
        if checkin is not None:
            yield RatingRow(checkin, line, prefix, measure, value, repeated)


def csv_rows(
    path: Path, columns: tuple[str, ...], problems: Problems, optional: int = 0
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each data row, a row starting on line N reported as N. Streamed from the
    file, so problems come out in line order, interleaved with those the caller finds.

    The last `optional` columns may be missing from the header (files from an older pfrelax);
    the rows then have no such key."""
    name, expected = path.name, ",".join(columns)
    if not path.is_file():
        problems.append(
            f"{name}: not found in {path.parent}; `pfrelax export --csv FOLDER` writes it"
        )
        return
    try:
        # utf-8-sig: spreadsheet programs often save CSV with a byte-order mark.
        stream = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as error:
        problems.append(f"{name}: cannot be read ({error.strerror or error}); check the file")
        return
    with stream:
        reader = csv.reader(stream, strict=True)
        try:
            header = next(reader, None)
            accepted = [list(columns[: len(columns) - n]) for n in range(optional + 1)]
            if header not in accepted:
                found = "nothing" if header is None else ",".join(header)
                problems.append(f"{name}:1: the first line must be {expected} (found {found})")
                return
            columns = tuple(header)
            line = reader.line_num + 1
            for fields in reader:
                if len(fields) == len(columns):
                    cells = (unguarded(field) for field in fields)  # as export guarded them
                    yield line, dict(zip(columns, cells, strict=True))
                elif fields:  # a blank line is harmless
                    count = len(fields)
                    problems.append(f"{name}:{line}: expected {expected} but found {count} columns")
                line = reader.line_num + 1
        except csv.Error as error:
            problems.append(f"{name}:{reader.line_num}: {_csv_problem(error)}")
        except UnicodeDecodeError:
            problems.append(
                f"{name}:{_first_undecodable_line(path)}: is not UTF-8 text; save it as CSV "
                "UTF-8 and try again"
            )


def _csv_problem(error: csv.Error) -> str:
    """What the csv module found, in words with a fix (its own are for programmers)."""
    said = str(error)
    if "unexpected end of data" in said:
        return (
            'a quote (") is opened and never closed; save the file again as CSV UTF-8 from '
            "your spreadsheet, or remove the stray quote"
        )
    if "field larger than field limit" in said:
        return (
            f"a field is longer than {csv.field_size_limit():,} characters, far more than a "
            "pfrelax export holds; check that this is the right file"
        )
    return f"is not CSV as pfrelax writes it ({said}); save it again as CSV UTF-8"


def _first_undecodable_line(path: Path) -> int:
    """The line of the first byte that is not UTF-8, found by decoding the file again in chunks."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines = 0
    with path.open("rb") as stream:
        while chunk := stream.read(io.DEFAULT_BUFFER_SIZE):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return newlines + chunk[: max(error.start, 0)].count(b"\n") + 1
            newlines += chunk.count(b"\n")
    return newlines + 1


def json_ratings(
    values: Mapping[str, object], prefix: str, problems: Problems
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


JSON_RUN_KEYS = (*RUN_COLUMNS, "title")
JSON_CHECKIN_KEYS = ("checkin_id", "time", "moment", "session", "run_id", "note", "values")


def json_run(
    item: Mapping[str, object], where: str, problems: Problems, times: TimeRange
) -> RunIn | None:
    Record(item, f"{where}.", problems).reject_unknown(JSON_RUN_KEYS)
    return read_run(item, where, f"{where}.", problems, times)


def json_checkin(
    item: Mapping[str, object], where: str, problems: Problems, times: TimeRange
) -> CheckinIn | None:
    prefix = f"{where}."
    record = Record(item, prefix, problems)
    record.reject_unknown(JSON_CHECKIN_KEYS)
    run_ref = record.take("run_id", parse_optional_id)
    values = item.get("values")
    if not isinstance(values, dict) or not values:
        record.problem("values", 'needs at least one rating, like {"distress": 3}')
        values = {}
    ratings = json_ratings(values, f"{prefix}values.", problems)
    checkin = read_checkin(item, where, prefix, problems, times)
    if checkin is None or ratings is None or not record.ok:
        return None
    checkin.run_ref = run_ref
    checkin.values = ratings
    return checkin
