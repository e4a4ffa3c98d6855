"""Export gets through any row a database already holds: times an older pfrelax accepted (year
9999, year 1), offsets no zone has, text where a number belongs, bytes that are not UTF-8."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import open_database
from pfrelax.store.timecodec import to_columns

from .conftest import run_cli

YEAR_9999 = datetime.fromisoformat("9999-12-31T23:00:00-05:00")
YEAR_1 = datetime.fromisoformat("0001-01-01T00:30:00+01:00")


@pytest.fixture
def odd_history(home: Path) -> Path:
    """One good check-in and five that only a damaged or hand-edited database would hold."""
    with open_database(paths.database_path()) as db:
        Checkins(db).save_checkin("standalone", {"mood": 6}, note="fine")
    con = sqlite3.connect(paths.database_path())
    rows = [
        (*to_columns(YEAR_9999), "x"),  # a date locally, beyond the last date in UTC
        (*to_columns(YEAR_1), "y"),
        (0, 90_000, "z"),  # an offset of 25 hours
        ("soon", 0, "w"),  # text where the time goes
        (1_600_000_000, 0, None),  # a note that is not UTF-8, stored below
    ]
    for number, (at, offset, note) in enumerate(rows, start=10):
        con.execute(
            "INSERT INTO checkins (id, run_id, at, at_offset, moment, note) "
            "VALUES (?, NULL, ?, ?, 'weekly', coalesce(?, CAST(x'ff20ce' AS TEXT)))",
            (number, at, offset, note),
        )
        con.execute(f"INSERT INTO checkin_values VALUES ({number}, 'mood', 4)")
    con.commit()
    con.close()
    return home


def test_export_writes_every_readable_row_and_counts_the_rest(
    odd_history: Path, tmp_path: Path
) -> None:
    ran = run_cli(["export", "--csv", str(tmp_path / "out")], odd_history)
    assert (ran.code, ran.out.splitlines()) == (
        0,
        [
            f"Exported 4 check-ins and 0 session runs to {tmp_path / 'out'}.",
            "Left out 2 records whose stored time is not a real date (saved by an older "
            "pfrelax, or edited by hand).",
        ],
    )
    text = (tmp_path / "out" / "checkins.csv").read_text("utf-8")
    assert "9999-12-31T23:00:00-05:00" in text
    assert "0001-01-01T00:30:00+01:00" in text
    assert "\ufffd \ufffd" in text  # the bytes that were not UTF-8, replaced, not a crash


def test_json_export_does_the_same(odd_history: Path, tmp_path: Path) -> None:
    ran = run_cli(["export", "--json", str(tmp_path / "out.json")], odd_history)
    assert ran.code == 0
    document = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert [c["time"] for c in document["checkins"]][:2] == [
        "0001-01-01T00:30:00+01:00",
        "2020-09-13T12:26:40+00:00",
    ]
    assert len(document["checkins"]) == 4


def test_what_such_an_export_holds_is_refused_at_import_by_name(
    odd_history: Path, tmp_path: Path
) -> None:
    run_cli(["export", "--csv", str(tmp_path / "out")], odd_history)
    ran = run_cli(["import", "--csv", str(tmp_path / "out")], tmp_path / "elsewhere")
    assert ran.code == 1
    assert "column time: '0001-01-01T00:30:00+01:00' is not between 1970-01-01 and" in ran.err
    assert "column time: '9999-12-31T23:00:00-05:00' is not between 1970-01-01 and" in ran.err
