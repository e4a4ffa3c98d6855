"""Import rules people meet: how a CSV check-in finds its run, spreadsheet spellings, notes on one
row, rows of a check-in apart, and the index searches that make years of history fast."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pfrelax.store.db import Database
from pfrelax.store.errors import DataFileError
from pfrelax.store.fields import Problems
from pfrelax.store.import_merge import _EDGES, _NEIGHBOURS
from pfrelax.store.import_stage import Staging
from pfrelax.store.importer import ImportSummary, import_csv

RUNS_HEADER = "run_id,session,pack,pack_version,started,ended,seconds,completed\n"
CHECKINS_HEADER = "checkin_id,time,moment,session,measure,value,note\n"


def now() -> datetime:
    return datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def write(folder: Path, runs: str, checkins: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "runs.csv").write_text(RUNS_HEADER + runs, "utf-8")
    (folder / "checkins.csv").write_text(CHECKINS_HEADER + checkins, "utf-8")
    return folder


def run_of_each_checkin(db: Database) -> dict[int, int | None]:
    rows = db.connection.execute("SELECT id, run_id FROM checkins ORDER BY id")
    return dict(rows.fetchall())


def test_a_before_check_in_joins_the_run_starting_nearest_and_an_after_the_one_ending_nearest(
    db: Database, tmp_path: Path
) -> None:
    # Three runs of one session: 08:00–08:10, 12:00–12:10, 12:30 (still running when exported).
    runs = (
        "1,daily,,,2026-11-23T08:00:00+00:00,2026-11-23T08:10:00+00:00,600,1\n"
        "2,daily,,,2026-11-23T12:00:00+00:00,2026-11-23T12:10:00+00:00,600,1\n"
        "3,daily,,,2026-11-23T12:30:00+00:00,,60,0\n"
    )
    checkins = (
        "1,2026-11-23T07:58:00+00:00,before,daily,mood,4,\n"  # before run 1's start
        "2,2026-11-23T08:11:00+00:00,after,daily,mood,6,\n"  # just after run 1's end
        "3,2026-11-23T11:59:00+00:00,before,daily,mood,4,\n"  # before run 2
        "4,2026-11-23T12:20:00+00:00,after,daily,mood,6,\n"  # 10 min after run 2's end,
        # and 11 min after run 3's end (it had none: stopped 60 s after its start)
        "5,2026-11-23T12:40:00+00:00,after,daily,mood,7,\n"  # nearest run 3's end (12:31)
    )
    import_csv(db, write(tmp_path / "in", runs, checkins), now=now)
    assert run_of_each_checkin(db) == {1: 1, 2: 1, 3: 2, 4: 2, 5: 3}


def test_two_runs_as_near_as_each_other_the_lower_id_wins(db: Database, tmp_path: Path) -> None:
    runs = (
        "1,daily,,,2026-11-23T08:00:00+00:00,2026-11-23T08:10:00+00:00,600,1\n"
        "2,daily,,,2026-11-23T08:20:00+00:00,2026-11-23T08:30:00+00:00,600,1\n"
    )
    checkins = "1,2026-11-23T08:10:00+00:00,before,daily,mood,4,\n"  # 10 min after and before
    import_csv(db, write(tmp_path / "in", runs, checkins), now=now)
    assert run_of_each_checkin(db) == {1: 1}


def test_finding_runs_searches_an_index_and_never_scans_the_runs(db: Database) -> None:
    """The regression behind a 24-second import: one query per check-in that read every run."""
    con = db.connection
    con.execute("BEGIN")
    try:
        Staging(con, Problems(), one_id_per_checkin=True)
        con.execute(_EDGES)
        con.execute(
            "CREATE INDEX temp.import_edges_by_session ON import_edges (session, moment, edge, id)"
        )
        plan = [row[3] for row in con.execute(f"EXPLAIN QUERY PLAN {_NEIGHBOURS}")]
    finally:
        con.execute("ROLLBACK")
    searches = [step for step in plan if "import_edges" in step or " e " in f" {step} "]
    assert searches == [
        "SEARCH e USING COVERING INDEX import_edges_by_session (session=? AND moment=? AND edge<?)",
        "SEARCH e USING COVERING INDEX import_edges_by_session (session=? AND moment=? AND edge>?)",
    ]


@pytest.mark.parametrize(
    ("completed", "status"),
    [
        ("1", "completed"),
        ("TRUE", "completed"),
        ("yes", "completed"),
        (" No ", "stopped"),
        ("false", "stopped"),
        ("0", "stopped"),
    ],
)
def test_completed_may_be_spelled_as_spreadsheets_and_people_do(
    db: Database, tmp_path: Path, completed: str, status: str
) -> None:
    runs = f"1,daily,,,2026-11-23T08:00:00+00:00,2026-11-23T08:10:00+00:00,600,{completed}\n"
    import_csv(db, write(tmp_path / "in", runs, ""), now=now)
    assert db.connection.execute("SELECT status FROM runs").fetchone() == (status,)


def test_a_note_on_one_row_of_a_check_in_is_its_note(db: Database, tmp_path: Path) -> None:
    checkins = (
        "1,2026-11-23T08:00:00+00:00,weekly,,distress,4,\n"
        "1,2026-11-23T08:00:00+00:00,weekly,,mood,6,felt lighter\n"
        "1,2026-11-23T08:00:00+00:00,weekly,,pain,2,\n"
    )
    assert import_csv(db, write(tmp_path / "in", "", checkins), now=now) == ImportSummary(
        0, 0, 1, 0
    )
    assert db.connection.execute("SELECT note FROM checkins").fetchall() == [("felt lighter",)]
    assert db.connection.execute("SELECT count(*) FROM checkin_values").fetchone() == (3,)


def test_two_different_notes_on_one_check_in_are_refused(db: Database, tmp_path: Path) -> None:
    checkins = (
        "1,2026-11-23T08:00:00+00:00,weekly,,distress,4,tired\n"
        "1,2026-11-23T08:00:00+00:00,weekly,,mood,6,rested\n"
    )
    with pytest.raises(DataFileError) as refusal:
        import_csv(db, write(tmp_path / "in", "", checkins), now=now)
    assert refusal.value.problems == [
        "checkins.csv:3: column note: check-in 1 has the note 'tired' on checkins.csv:2; write a "
        "check-in's note on one of its rows, or the same on each"
    ]


def test_rows_of_a_check_in_apart_in_the_file_still_make_one_check_in(
    db: Database, tmp_path: Path
) -> None:
    checkins = (
        "1,2026-11-23T08:00:00+00:00,weekly,,distress,4,\n"
        "2,2026-11-24T08:00:00+00:00,weekly,,distress,5,\n"
        "1,2026-11-23T08:00:00+00:00,weekly,,mood,6,sorted by measure\n"
        "1,2026-11-23T08:00:00+00:00,weekly,,distress,3,\n"
    )
    with pytest.raises(DataFileError) as refusal:
        import_csv(db, write(tmp_path / "in", "", checkins), now=now)
    assert refusal.value.problems == [
        "checkins.csv:5: column measure: check-in 1 already has a distress rating"
    ]
    folder = write(tmp_path / "in", "", "".join(checkins.splitlines(keepends=True)[:3]))
    assert import_csv(db, folder, now=now) == ImportSummary(0, 0, 2, 0)
    rows = db.connection.execute(
        "SELECT c.id, c.note, v.measure, v.value FROM checkins c "
        "JOIN checkin_values v ON v.checkin_id = c.id ORDER BY c.id, v.measure"
    ).fetchall()
    assert rows == [
        (1, "sorted by measure", "distress", 4),
        (1, "sorted by measure", "mood", 6),
        (2, "", "distress", 5),
    ]


def test_a_refused_import_leaves_no_temporary_tables_behind(db: Database, tmp_path: Path) -> None:
    with pytest.raises(DataFileError):
        import_csv(db, write(tmp_path / "in", "x\n", ""), now=now)
    import_csv(db, write(tmp_path / "in", "", ""), now=now)
    temp = db.connection.execute("SELECT name FROM temp.sqlite_master").fetchall()
    assert temp == []
