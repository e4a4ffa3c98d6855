"""Importing the practice log (dilator.csv, or the JSON "dilator" list) and own questions' wording.

Staged in a temporary table like runs and check-ins, merged after the runs (an entry names its run
by the file's run id). An entry already there is recognised by its time and size, so importing
the same export twice adds nothing.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pfrelax.core.own_questions import is_own_question_id
from pfrelax.core.practice_log import (
    DEPTHS,
    MAX_MINUTES,
    MAX_NOTE_CHARS,
    MAX_SIZE_CHARS,
    Depth,
)
from pfrelax.store.export import DILATOR_COLUMNS, DILATOR_CSV, QUESTION_KEYS
from pfrelax.store.fields import (
    FieldError,
    Problems,
    Record,
    TimeRange,
    parse_id,
    parse_optional_id,
    parse_text,
    parse_words,
    shown,
)
from pfrelax.store.import_read import csv_rows
from pfrelax.store.timecodec import to_columns

_DIGITS = re.compile(r"[0-9]{1,4}")

_TABLE = """
CREATE TEMP TABLE import_dilator (
    seq INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL,
    prefix TEXT NOT NULL,
    at INTEGER NOT NULL,
    at_offset INTEGER NOT NULL,
    run_ref INTEGER,
    size TEXT NOT NULL,
    depth TEXT NOT NULL,
    minutes INTEGER,
    insertion_pain INTEGER,
    anxiety INTEGER,
    note TEXT NOT NULL
)
"""

# New: not already in the history (same time and size), and the first such row in the file.
_MERGE = """
INSERT INTO dilator_logs (id, run_id, at, at_offset, size, depth, minutes, insertion_pain,
    anxiety, note)
SELECT CASE WHEN EXISTS (SELECT 1 FROM dilator_logs WHERE id = s.file_id) THEN NULL
        ELSE s.file_id END,
    (SELECT db_id FROM import_run_ids WHERE file_id = s.run_ref),
    s.at, s.at_offset, s.size, s.depth, s.minutes, s.insertion_pain, s.anxiety, s.note
FROM import_dilator s
WHERE s.seq = ?
    AND NOT EXISTS (SELECT 1 FROM dilator_logs d WHERE d.at = s.at AND d.size = s.size)
"""


@dataclass(frozen=True, slots=True)
class PracticeIn:
    prefix: str  # "dilator.csv:5: column " or "export.json: dilator[3].", for messages
    file_id: int
    time: datetime
    run_ref: int | None
    size: str
    depth: Depth
    minutes: int | None
    insertion_pain: int | None
    anxiety: int | None
    note: str


def read_practice(
    data: Mapping[str, object], prefix: str, problems: Problems, times: TimeRange
) -> PracticeIn | None:
    record = Record(data, prefix, problems)
    entry = PracticeIn(
        prefix=prefix,
        file_id=record.take("log_id", parse_id),
        time=record.take("time", times.parse),
        run_ref=record.take("run_id", parse_optional_id),
        size=record.take("size", _parse_size),
        depth=record.take("depth", _parse_depth),
        minutes=record.take("minutes", _optional_number(MAX_MINUTES)),
        insertion_pain=record.take("insertion_pain", _optional_number(10)),
        anxiety=record.take("anxiety", _optional_number(10)),
        note=record.take("note", _parse_note),
    )
    return entry if record.ok else None


def csv_practice(folder: Path, problems: Problems, times: TimeRange) -> Iterator[PracticeIn]:
    """Each valid row of dilator.csv; none when the file is absent (an export before the log)."""
    if not (folder / DILATOR_CSV).exists():
        return
    for line, row in csv_rows(folder / DILATOR_CSV, DILATOR_COLUMNS, problems):
        entry = read_practice(row, f"{DILATOR_CSV}:{line}: column ", problems, times)
        if entry is not None:
            yield entry


def json_practice(
    item: Mapping[str, object], where: str, problems: Problems, times: TimeRange
) -> PracticeIn | None:
    prefix = f"{where}."
    Record(item, prefix, problems).reject_unknown(DILATOR_COLUMNS)
    return read_practice(item, prefix, problems, times)


def json_question(item: Mapping[str, object], where: str, problems: Problems) -> tuple[str, ...]:
    """(id, question, low, high) of one own question's wording; () when it has a problem."""
    record = Record(item, f"{where}.", problems)
    record.reject_unknown(QUESTION_KEYS)
    question_id = record.take("id", _parse_question_id)
    texts = [record.take(key, parse_words) for key in QUESTION_KEYS[1:]]
    return (question_id, *texts) if record.ok else ()


class PracticeStaging:
    """Holds the imported entries (and own questions) in the caller's transaction until merged."""

    def __init__(self, con: sqlite3.Connection, problems: Problems) -> None:
        self.con = con
        self.problems = problems
        self.count = 0
        self._questions: list[tuple[str, ...]] = []
        con.execute("DROP TABLE IF EXISTS temp.import_dilator")
        con.execute(_TABLE)

    def add(self, entry: PracticeIn) -> None:
        at, offset = to_columns(entry.time)
        self.count += 1
        self.con.execute(
            "INSERT INTO import_dilator VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.count,
                entry.file_id,
                entry.prefix,
                at,
                offset,
                entry.run_ref,
                entry.size,
                entry.depth,
                entry.minutes,
                entry.insertion_pain,
                entry.anxiety,
                entry.note,
            ),
        )

    def add_question(self, question: tuple[str, ...]) -> None:
        self._questions.append(question)

    def check_run_refs(self) -> None:
        """After the runs are merged: every run an entry names must be one of the file's runs."""
        rows = self.con.execute(
            "SELECT prefix, run_ref FROM import_dilator WHERE run_ref IS NOT NULL "
            "AND run_ref NOT IN (SELECT file_id FROM import_run_ids) ORDER BY seq"
        )
        for prefix, run_ref in rows:
            self.problems.append(f"{prefix}run_id: {run_ref!r} is not a run in this export")

    def merge(self) -> int:
        """Insert the new entries in file order (each sees those before it); returns how many."""
        # A wording already here stays: it is the one this computer's pack asks.
        self.con.executemany(
            "INSERT OR IGNORE INTO own_questions (id, question, low, high) VALUES (?, ?, ?, ?)",
            self._questions,
        )
        cursor = self.con.executemany(_MERGE, ((seq,) for seq in range(1, self.count + 1)))
        self.con.execute("DROP TABLE IF EXISTS temp.import_dilator")
        return cursor.rowcount


def _parse_size(raw: object) -> str:
    size = parse_text(raw)
    if not size or size != size.strip() or len(size) > MAX_SIZE_CHARS:
        raise FieldError(f"{shown(raw)} is not a size name (1–{MAX_SIZE_CHARS} characters)")
    return size


def _parse_depth(raw: object) -> Depth:
    if raw in DEPTHS:
        return raw
    raise FieldError(f"{shown(raw)} is not a depth; use {', '.join(DEPTHS)}")


def _parse_note(raw: object) -> str:
    note = parse_text(raw)
    if len(note) > MAX_NOTE_CHARS:
        raise FieldError(f"is longer than {MAX_NOTE_CHARS} characters")
    return note


def _parse_question_id(raw: object) -> str:
    if isinstance(raw, str) and is_own_question_id(raw):
        return raw
    raise FieldError(f"{shown(raw)} is not a question id (like 'sleep_quality')")


def _optional_number(high: int) -> Callable[[object], int | None]:
    def parse(raw: object) -> int | None:
        if raw is None or raw == "":
            return None
        if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= high:
            return raw
        if isinstance(raw, str) and _DIGITS.fullmatch(raw) and int(raw) <= high:
            return int(raw)
        raise FieldError(f"{shown(raw)} is not a whole number 0–{high}, or empty")

    return parse
