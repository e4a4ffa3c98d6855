"""Runs, check-ins, packs and settings through the repository API, and whole-database actions."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, backup_path, open_database
from pfrelax.store.errors import StoreError
from pfrelax.store.migrations import LATEST_VERSION, apply_migrations
from pfrelax.store.models import WeekMinutes
from pfrelax.store.packs import InstalledPacks
from pfrelax.store.runs import Runs

if TYPE_CHECKING:
    from tests.unit.store.conftest import FakeClock

ALL_TIME = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
CEST = timezone(timedelta(hours=2))


def practise(db: Database, clock: FakeClock, before: int, after: int, minutes: int = 10) -> int:
    """One session with a before and an after check-in, as the app records it."""
    runs, checkins = Runs(db, clock), Checkins(db, clock)
    run_id = runs.start_run("pf-release-10", "Pelvic floor release", "clinic.p1", "1.0.0")
    checkins.save_checkin("before", {"distress": before, "mood": 5}, run_id=run_id)
    clock.advance(minutes=minutes)
    runs.finish_run(run_id, minutes * 60, completed=True)
    checkins.save_checkin("after", {"distress": after, "mood": 7}, note="softer", run_id=run_id)
    return run_id


def test_a_finished_run_reads_back_with_local_times(db: Database, clock: FakeClock) -> None:
    started = clock()
    run_id = practise(db, clock, before=6, after=3)
    run = Runs(db).get(run_id)
    assert run is not None
    assert (run.session_id, run.pack_id, run.pack_version) == (
        "pf-release-10",
        "clinic.p1",
        "1.0.0",
    )
    assert (run.started, run.ended, run.seconds, run.completed) == (
        started,
        started + timedelta(minutes=10),
        600,
        True,
    )
    assert run.started.utcoffset() == timedelta(hours=1)


def test_runs_between_is_half_open_and_oldest_first(db: Database, clock: FakeClock) -> None:
    first = clock()
    ids = [practise(db, clock, 5, 4) for _ in range(3)]
    found = Runs(db).runs_between(first, first + timedelta(minutes=20))
    assert [run.id for run in found] == ids[:2]


def test_minutes_per_week_uses_the_local_iso_week(db: Database, clock: FakeClock) -> None:
    # Sunday 23:30 and Monday 00:30 in CEST are both Sunday in UTC, but different local weeks.
    clock.current = datetime(2026, 6, 7, 23, 30, tzinfo=CEST)
    practise(db, clock, 5, 4, minutes=10)
    clock.current = datetime(2026, 6, 8, 0, 30, tzinfo=CEST)
    practise(db, clock, 5, 4, minutes=15)
    practise(db, clock, 5, 4, minutes=6)
    assert Runs(db).minutes_per_week(*ALL_TIME) == [
        WeekMinutes(2026, 23, 10.0),
        WeekMinutes(2026, 24, 21.0),
    ]


def test_ratings_are_listed_per_measure_for_charts(db: Database, clock: FakeClock) -> None:
    run_id = practise(db, clock, before=6, after=3)
    weekly = Checkins(db, clock).save_checkin("weekly", {"pain_with_penetration": None})
    ratings = Checkins(db).ratings_between(*ALL_TIME)
    assert [(r.moment, r.run_id, r.measure, r.value) for r in ratings] == [
        ("before", run_id, "distress", 6),
        ("before", run_id, "mood", 5),
        ("after", run_id, "distress", 3),
        ("after", run_id, "mood", 7),
        ("weekly", None, "pain_with_penetration", None),
    ]
    assert ratings[-1].checkin_id == weekly


def test_before_after_changes_use_the_latest_of_each(db: Database, clock: FakeClock) -> None:
    run_id = practise(db, clock, before=6, after=3)
    Checkins(db, clock).save_checkin("after", {"distress": 2}, run_id=run_id)  # a second thought
    changes = Checkins(db).before_after_changes(*ALL_TIME)
    assert [(c.run_id, c.measure, c.before, c.after, c.change) for c in changes] == [
        (run_id, "distress", 6, 2, -4),
        (run_id, "mood", 5, 7, 2),
    ]


@pytest.mark.parametrize(
    ("moment", "values", "run_id", "message"),
    [
        (
            "standalone",
            {"stres": 3},
            None,
            "'stres' is not a check-in measure; did you mean 'distress'?",
        ),
        ("standalone", {"distress": 11}, None, "distress: 11 is not a whole number 0–10 or None"),
        (
            "standalone",
            {"distress": True},
            None,
            "distress: True is not a whole number 0–10 or None",
        ),
        ("standalone", {}, None, "a check-in needs at least one rating"),
        ("before", {"distress": 3}, None, "a before check-in needs the run_id of its session"),
        ("weekly", {"distress": 3}, 1, "a weekly check-in belongs to no run"),
        (
            "later",
            {"distress": 3},
            None,
            "'later' is not a check-in moment; use one of before, after, standalone, weekly",
        ),
    ],
)
def test_a_wrong_checkin_is_refused_before_anything_is_written(
    db: Database, moment: str, values: dict[str, int | None], run_id: int | None, message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        Checkins(db).save_checkin(moment, values, run_id=run_id)
    assert db.connection.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0


def test_a_checkin_time_must_say_its_time_zone(db: Database) -> None:
    with pytest.raises(ValueError, match=r"^time must be a timezone-aware datetime, got "):
        Checkins(db).save_checkin("standalone", {"mood": 5}, time=datetime(2026, 1, 1, 8, 0))


def test_an_upgraded_pack_keeps_the_day_its_plan_started(db: Database, clock: FakeClock) -> None:
    packs = InstalledPacks(db, clock)
    packs.upsert("clinic.p1", "1.0.0", "Phase 1", Path("/packs/clinic.p1"))
    packs.set_plan_started("clinic.p1", date(2026, 11, 23))
    clock.advance(days=14)
    upgraded = packs.upsert("clinic.p1", "1.1.0", "Phase 1 (revised)", Path("/packs/clinic.p1-2"))
    assert (upgraded.version, upgraded.title, upgraded.plan_started) == (
        "1.1.0",
        "Phase 1 (revised)",
        date(2026, 11, 23),
    )
    assert upgraded.installed_at == clock()
    assert packs.installed() == [upgraded]


def test_removing_a_pack_keeps_its_runs(db: Database, clock: FakeClock) -> None:
    packs = InstalledPacks(db, clock)
    packs.upsert("clinic.p1", "1.0.0", "Phase 1", Path("/packs/clinic.p1"))
    run_id = practise(db, clock, 5, 3)
    assert packs.remove("clinic.p1")
    assert not packs.remove("clinic.p1")
    assert packs.installed() == []
    run = Runs(db).get(run_id)
    assert run is not None
    assert run.pack_id == "clinic.p1"


def test_the_plan_of_a_pack_that_is_not_installed_cannot_start(db: Database) -> None:
    with pytest.raises(LookupError, match="pack 'nope' is not installed"):
        InstalledPacks(db).set_plan_started("nope", date(2026, 1, 1))


def test_delete_all_my_data_leaves_an_empty_current_database(
    db: Database, db_path: Path, clock: FakeClock
) -> None:
    practise(db, clock, 6, 3)
    InstalledPacks(db, clock).upsert("clinic.p1", "1.0.0", "Phase 1", Path("/p"))
    with db.transaction() as con:
        con.execute("INSERT INTO carried_preferences VALUES ('checkin.optional_measures', '[]')")
    old_backup = backup_path(db_path, 1)
    old_backup.write_bytes(b"an old copy with old data")
    db.delete_all_data()
    con = db.connection
    for table in ("runs", "checkins", "checkin_values", "installed_packs", "carried_preferences"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert db.schema_version == LATEST_VERSION
    assert not old_backup.exists()
    assert b"softer" not in db_path.read_bytes()  # the note is gone from the file itself
    practise(db, clock, 4, 2)  # and it is usable straight away


def test_restore_brings_back_the_backup_exactly(
    db: Database, tmp_path: Path, clock: FakeClock
) -> None:
    kept = practise(db, clock, 6, 3)
    backup = tmp_path / "my-backup.sqlite3"
    db.backup_to(backup)
    practise(db, clock, 5, 5)
    db.restore_from(backup)
    assert [run.id for run in Runs(db).runs_between(*ALL_TIME)] == [kept]
    assert db.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert backup.exists()  # the user's file is read, never changed


def test_restore_migrates_an_older_backup(db: Database, tmp_path: Path) -> None:
    old = tmp_path / "from-2025.sqlite3"
    con = sqlite3.connect(old, isolation_level=None)
    apply_migrations(con, 0, target=1)
    con.execute(
        "INSERT INTO checkins (id, run_id, at, at_offset, moment, note) "
        "VALUES (7, NULL, 1750000000, 0, 'standalone', 'old')"
    )
    con.execute("INSERT INTO checkin_values VALUES (7, 'mood', 4)")
    con.close()
    db.restore_from(old)
    assert db.schema_version == LATEST_VERSION
    assert [(r.checkin_id, r.value) for r in Checkins(db).ratings_between(*ALL_TIME)] == [(7, 4)]


def test_restore_refuses_a_file_that_is_not_a_pfrelax_backup(
    db: Database, tmp_path: Path, clock: FakeClock
) -> None:
    practise(db, clock, 6, 3)
    other = tmp_path / "notes.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (text TEXT)")
    con.close()
    message = (  # not the advice for the history itself: moving the chosen file helps nothing
        "notes.sqlite3 is not a pfrelax database. Choose a pfrelax backup; your current data "
        "is unchanged."
    )
    with pytest.raises(StoreError, match=f"^{re.escape(message)}$"):
        db.restore_from(other)
    garbage = tmp_path / "holiday.jpg"
    garbage.write_bytes(b"\xff\xd8 not a database at all" * 200)
    message = (
        "holiday.jpg cannot be read as a pfrelax backup (file is not a database). Choose "
        "another file; your current data is unchanged."
    )
    with pytest.raises(StoreError, match=f"^{re.escape(message)}$"):
        db.restore_from(garbage)
    with pytest.raises(
        StoreError,
        match=r"^missing\.sqlite3: there is no file here\. Choose a pfrelax backup file\.$",
    ):
        db.restore_from(Path("missing.sqlite3"))
    assert len(Runs(db).runs_between(*ALL_TIME)) == 1  # nothing changed
    assert sorted(p.name for p in db.path.parent.iterdir() if p.name.startswith(".pfrelax-")) == []


def test_restore_refuses_a_backup_from_a_newer_pfrelax(db: Database, tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    with open_database(newer) as other:
        other.connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(StoreError, match=r"^newer.sqlite3 was written by a newer version"):
        db.restore_from(newer)
    assert db.schema_version == LATEST_VERSION


def test_run_calls_with_wrong_arguments_are_refused(db: Database, clock: FakeClock) -> None:
    runs = Runs(db, clock)
    with pytest.raises(
        ValueError, match=r"^pack_id and pack_version are given together or not at all$"
    ):
        runs.start_run("pf-release-10", "Release", "clinic.p1", None)
    run_id = runs.start_run("pf-release-10", "Release")
    with pytest.raises(
        ValueError, match=r"^seconds practised must be a whole number >= 0, got -1$"
    ):
        runs.update_run_progress(run_id, -1)
    with pytest.raises(LookupError, match=r"^there is no session run 99$"):
        runs.finish_run(99, 10, completed=False)
    runs.finish_run(run_id, 10, completed=False)
    runs.update_run_progress(run_id, 500)  # a late tick after the end changes nothing
    run = runs.get(run_id)
    assert run is not None
    assert (run.status, run.seconds) == ("stopped", 10)


def test_series_gives_one_measure_as_columns(db: Database, clock: FakeClock) -> None:
    first = clock()
    run_id = practise(db, clock, before=6, after=3)
    Checkins(db, clock).save_checkin("standalone", {"mood": 9})
    series = Checkins(db).series("distress", *ALL_TIME)
    assert series.measure == "distress"
    assert series.values == [6, 3]
    assert series.moments == ["before", "after"]
    assert series.times == [int(first.timestamp()), int(first.timestamp()) + 600]
    assert Checkins(db).series("pain", *ALL_TIME).times == []
    assert run_id == 1


def test_a_backup_that_cannot_be_written_says_where(db: Database, tmp_path: Path) -> None:
    taken = tmp_path / "a-folder.sqlite3"
    taken.mkdir()
    message = f"Could not write the backup to {taken} ("
    with pytest.raises(StoreError, match=f"^{re.escape(message)}.*free space\\.$"):
        db.backup_to(taken)
    assert list(tmp_path.glob(".pfrelax-*")) == []  # no temp file left behind
