"""Opening databases of every schema version, and refusing the ones pfrelax must not touch."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pfrelax.store import migrations
from pfrelax.store.carried import MEASURES_KEY, carried_preferences
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import backup_path, open_database
from pfrelax.store.errors import StoreError
from pfrelax.store.migrations import LATEST_VERSION, MIGRATIONS, Migration, apply_migrations
from pfrelax.store.packs import InstalledPacks
from pfrelax.store.runs import Runs

# A run at 08:00 local time in Central Europe, as a row stores it: UTC seconds and the offset.
STARTED_AT = datetime.fromisoformat("2026-11-20T08:00:00+01:00")
STARTED = int(STARTED_AT.timestamp())
OFFSET = 3600
EARLIER_VERSIONS = range(1, LATEST_VERSION)
ALL_TIME = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def build_old_database(path: Path, version: int) -> None:
    """A database as pfrelax at schema `version` left it, with data in every table it had."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    apply_migrations(con, 0, target=version)
    con.execute(
        "INSERT INTO runs (id, session_id, session_title, pack_id, pack_version, started, "
        "started_offset, ended, ended_offset, seconds, status) VALUES "
        "(1, 'pf-release-10', 'Release', 'clinic.p1', '1.0.0', ?, ?, ?, ?, 600, 'completed'), "
        "(2, 'pf-release-10', 'Release', NULL, NULL, ?, ?, NULL, NULL, 90, 'running')",
        (STARTED, OFFSET, STARTED + 610, OFFSET, STARTED + 86400, OFFSET),
    )
    con.execute(
        "INSERT INTO checkins (id, run_id, at, at_offset, moment, note) VALUES "
        "(1, 1, ?, ?, 'before', ''), (2, 1, ?, ?, 'after', 'calmer')",
        (STARTED, OFFSET, STARTED + 620, OFFSET),
    )
    con.execute(
        "INSERT INTO checkin_values (checkin_id, measure, value) VALUES "
        "(1, 'distress', 6), (1, 'pelvic_tension', 7), (2, 'distress', 3), (2, 'pelvic_tension', 4)"
    )
    if version >= 2:
        con.execute(
            "INSERT INTO installed_packs VALUES "
            "('clinic.p1', '1.0.0', 'Phase 1', ?, ?, '/packs/clinic.p1', '2026-11-20')",
            (STARTED, OFFSET),
        )
    if 2 <= version < 6:  # the settings table, dropped at 6
        con.execute(
            "INSERT INTO settings VALUES ('volume', '0.5'), (?, '[\"pain\"]')", (MEASURES_KEY,)
        )
    con.close()


def user_version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("PRAGMA user_version").fetchone()[0])
    finally:
        con.close()


def test_migrations_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_a_new_database_is_at_the_latest_version_without_a_backup(db_path: Path) -> None:
    with open_database(db_path) as db:
        assert db.schema_version == LATEST_VERSION
    assert list(db_path.parent.glob("*.bak-v*")) == []


@pytest.mark.parametrize("version", EARLIER_VERSIONS)
def test_data_from_every_earlier_version_survives_migration(db_path: Path, version: int) -> None:
    build_old_database(db_path, version)
    with open_database(db_path) as db:
        assert db.schema_version == LATEST_VERSION
        finished = Runs(db).get(1)
        assert finished is not None
        assert finished.status == "completed"
        assert finished.started == STARTED_AT
        assert finished.pack_id == "clinic.p1"
        changes = {c.measure: c for c in Checkins(db).before_after_changes(*ALL_TIME)}
        assert (changes["distress"].before, changes["distress"].after) == (6, 3)
        assert changes["pelvic_tension"].change == -3
        assert Checkins(db).ratings_between(*ALL_TIME)[-1].time == STARTED_AT + timedelta(
            seconds=620
        )
        # The run a crash left 'running' is stopped, ended at its start plus time practised.
        interrupted = Runs(db).get(2)
        assert interrupted is not None
        assert interrupted.status == "stopped"
        assert interrupted.ended == STARTED_AT + timedelta(days=1, seconds=90)
        if version >= 2:
            pack = InstalledPacks(db).get("clinic.p1")
            assert pack is not None
            assert pack.plan_started == date(2026, 11, 20)
        if 2 <= version < 6:
            # The settings table's one value waits for the preferences service; no other key.
            assert carried_preferences(db) == {MEASURES_KEY: ["pain"]}


@pytest.mark.parametrize("version", EARLIER_VERSIONS)
def test_a_backup_of_the_old_version_is_written_before_migrating(
    db_path: Path, version: int
) -> None:
    build_old_database(db_path, version)
    open_database(db_path).close()
    backup = backup_path(db_path, version)
    assert backup.name == f"pfrelax.sqlite3.bak-v{version}"
    assert user_version(backup) == version
    con = sqlite3.connect(backup)
    try:
        assert con.execute("SELECT count(*) FROM checkin_values").fetchone()[0] == 4
    finally:
        con.close()


def test_a_failing_migration_leaves_the_previous_version_intact(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(db_path).close()
    broken = Migration(
        LATEST_VERSION + 1, "broken", "CREATE TABLE half (a); INSERT INTO nope VALUES (1);"
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, broken))
    con = sqlite3.connect(db_path, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError, match="no such table: nope"):
            apply_migrations(con, LATEST_VERSION, target=LATEST_VERSION + 1)
        assert con.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert (
            con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
        )
    finally:
        con.close()


def test_a_database_from_a_newer_pfrelax_is_refused_and_left_alone(db_path: Path) -> None:
    open_database(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    con.close()
    message = (
        f"pfrelax.sqlite3 was written by a newer version of pfrelax (schema {LATEST_VERSION + 1}; "
        "this version "
        f"understands up to {LATEST_VERSION}). Update pfrelax, or restore a backup."
    )
    with pytest.raises(StoreError, match=f"^{re.escape(message)}$"):
        open_database(db_path)
    assert user_version(db_path) == LATEST_VERSION + 1


def test_another_programs_database_is_refused(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.close()
    message = (
        f"pfrelax.sqlite3 is not a pfrelax database. Move {db_path} away to start with an empty "
        "history, or restore a pfrelax backup."
    )
    with pytest.raises(StoreError, match=f"^{re.escape(message)}$"):
        open_database(db_path)


def test_a_file_that_is_not_a_database_is_refused(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is a shopping list, not a database" * 100)
    message = (
        "pfrelax.sqlite3 cannot be read as a database (file is not a database). Restore a "
        f"backup, or move {db_path} away to start with an empty history."
    )
    with pytest.raises(StoreError, match=f"^{re.escape(message)}$"):
        open_database(db_path)


def _version_adding(column: str) -> int:
    """The schema version whose migration adds `column` to runs (the lead may renumber)."""
    return next(m.version for m in MIGRATIONS if f"ADD COLUMN {column}" in m.sql)


def test_runs_that_reached_the_end_after_playing_little_become_partial_on_migrating(
    db_path: Path,
) -> None:
    before = _version_adding("length_seconds") - 1
    build_old_database(db_path, before)
    con = sqlite3.connect(db_path, isolation_level=None)
    # Run 1 played the pack session through (600 s); run 3 reached the end by pressing Next
    # after 40 s; run 4 is another session that was only ever skipped through (no estimate).
    con.execute(
        "INSERT INTO runs (id, session_id, session_title, pack_id, pack_version, started, "
        "started_offset, ended, ended_offset, seconds, status) VALUES "
        "(3, 'pf-release-10', 'Release', 'clinic.p1', '1.0.0', ?, ?, ?, ?, 40, 'completed'), "
        "(4, 'sigh-5', 'Sighs', NULL, NULL, ?, ?, ?, ?, 40, 'completed')",
        (STARTED + 7200, OFFSET, STARTED + 7250, OFFSET) * 2,
    )
    con.close()
    with open_database(db_path) as db:
        runs = Runs(db)
        kept = [run for i in (1, 3, 4) if (run := runs.get(i)) is not None]
        assert [run.status for run in kept] == ["completed", "stopped", "completed"]
        assert [run.length_seconds for run in kept] == [None, None, None]  # not known before
