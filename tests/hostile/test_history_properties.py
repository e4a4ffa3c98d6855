"""Property tests: whatever bytes or structures an import is given, it either imports or raises
the store's own error (DataFileError), never anything else; and a refused import changes
nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import DataFileError
from pfrelax.store.importer import import_csv, import_json

RUNS_HEADER = "run_id,session,pack,pack_version,started,ended,seconds,completed"
CHECKINS_HEADER = "checkin_id,time,moment,session,measure,value,note"
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def now() -> datetime:
    return datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    with open_database(tmp_path / "data" / "pfrelax.sqlite3") as database:
        yield database


def counts(db: Database) -> tuple[int, int, int]:
    con = db.connection
    return tuple(
        con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("runs", "checkins", "checkin_values")
    )


def imports_or_refuses(db: Database, action: object) -> None:
    before = counts(db)
    problems: list[str] | None = None
    try:
        action()  # type: ignore[operator]
    except DataFileError as refusal:
        problems = refusal.problems
    if problems is not None:
        assert problems, "a refusal says why"
        assert all(isinstance(p, str) and p for p in problems)
        for problem in problems:
            problem.encode("utf-8")  # printable: no broken characters reach the terminal
        assert counts(db) == before  # all or nothing


@SETTINGS
@given(runs=st.binary(max_size=300), checkins=st.binary(max_size=300))
@example(runs=b"\xef\xbb\xbf" + RUNS_HEADER.encode() + b"\n", checkins=b"\x00\xff")
def test_random_bytes_as_csv(db: Database, tmp_path: Path, runs: bytes, checkins: bytes) -> None:
    folder = tmp_path / "csv"
    folder.mkdir(exist_ok=True)
    (folder / "runs.csv").write_bytes(runs)
    (folder / "checkins.csv").write_bytes(checkins)
    imports_or_refuses(db, lambda: import_csv(db, folder, now=now))


CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "1",
            "0",
            "true",
            "yes",
            "daily",
            "before",
            "after",
            "weekly",
            "standalone",
            "mood",
            "distress",
            "not_attempted",
            "2020-11-23T08:30:00+01:00",
            "9999-12-31T23:00:00-05:00",
            "1" + "0" * 30,
            "",
        ]
    ),
)


@SETTINGS
@given(
    runs=st.lists(st.lists(CELL, min_size=7, max_size=9), max_size=6),
    checkins=st.lists(st.lists(CELL, min_size=6, max_size=8), max_size=8),
)
def test_random_csv_rows_under_the_right_headers(
    db: Database, tmp_path: Path, runs: list[list[str]], checkins: list[list[str]]
) -> None:
    import csv

    folder = tmp_path / "rows"
    folder.mkdir(exist_ok=True)
    for name, header, rows in (
        ("runs.csv", RUNS_HEADER, runs),
        ("checkins.csv", CHECKINS_HEADER, checkins),
    ):
        with (folder / name).open("w", encoding="utf-8", errors="surrogatepass", newline="") as out:
            out.write(header + "\n")
            csv.writer(out).writerows(rows)
    imports_or_refuses(db, lambda: import_csv(db, folder, now=now))


@SETTINGS
@given(data=st.binary(max_size=400))
@example(data=b"\xef\xbb\xbf{}")
@example(data=b"[" * 5000)
@example(data=b'{"runs": [' + b"9" * 5000 + b"]}")
def test_random_bytes_as_json(db: Database, tmp_path: Path, data: bytes) -> None:
    file = tmp_path / "export.json"
    file.write_bytes(data)
    imports_or_refuses(db, lambda: import_json(db, file, now=now))


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=10)
    | st.sampled_from(["2020-11-23T08:30:00+01:00", "before", "mood", "daily"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
RECORD_KEYS = st.sampled_from(
    [
        "run_id",
        "checkin_id",
        "session",
        "started",
        "ended",
        "seconds",
        "completed",
        "time",
        "moment",
        "note",
        "values",
        "title",
        "pack",
        "pack_version",
        "run_id",
        "x",
    ]
)
RECORDS = st.dictionaries(RECORD_KEYS, JSON_VALUES, max_size=9)


@SETTINGS
@given(
    runs=st.lists(RECORDS, max_size=4) | JSON_VALUES,
    checkins=st.lists(RECORDS, max_size=4) | JSON_VALUES,
    extra=st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=2),
)
def test_random_json_structures_in_an_export(
    db: Database, tmp_path: Path, runs: object, checkins: object, extra: dict[str, object]
) -> None:
    document = {"format": "pfrelax-export", "version": 1, "runs": runs, "checkins": checkins}
    document.update(extra)
    file = tmp_path / "export.json"
    file.write_text(json.dumps(document), "utf-8")
    imports_or_refuses(db, lambda: import_json(db, file, now=now))
