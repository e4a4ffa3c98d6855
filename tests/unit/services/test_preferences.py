"""The preferences service: the one current Settings, change listeners, and the value the old
database `settings` table held, carried over into settings.json without ever being lost."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from pfrelax.cli import main
from pfrelax.core.checkin import DEFAULT_MEASURES, Measure
from pfrelax.core.settings import Settings, SettingsError
from pfrelax.services.preferences import Preferences, audio_preference
from pfrelax.store import migrations
from pfrelax.store.carried import MEASURES_KEY, carried_preferences
from pfrelax.store.db import backup_path, open_database
from pfrelax.store.migrations import Migration, apply_migrations

# The migration that dropped the settings table (found by name: the lead renumbers at merge).
CARRY_VERSION = next(m.version for m in migrations.MIGRATIONS if "settings table" in m.description)


def day() -> datetime:
    return datetime(2026, 12, 2, 9, 30)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def v5_database(path: Path, measures: str) -> Path:
    """A database file as pfrelax 5 left it, its settings table holding `measures` (JSON)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    apply_migrations(con, 0, target=CARRY_VERSION - 1)
    con.execute("INSERT INTO settings VALUES (?, ?)", (MEASURES_KEY, measures))
    con.close()
    return path


def test_listeners_hear_which_settings_changed_and_the_file_keeps_them(
    settings_path: Path,
) -> None:
    preferences = Preferences.open(settings_path, now=day)
    heard: list[frozenset[str]] = []
    preferences.subscribe(heard.append)
    preferences.change(theme="dark", count_in_seconds=5)
    preferences.change(theme="dark")  # no change: nobody told, nothing written
    assert heard == [frozenset({"theme", "count_in_seconds"})]
    assert Preferences.read(settings_path).settings == Settings(theme="dark", count_in_seconds=5)
    preferences.unsubscribe(heard.append)
    preferences.change(theme="light")
    assert len(heard) == 1


def test_a_change_that_cannot_be_saved_still_applies_and_says_why(settings_path: Path) -> None:
    settings_path.mkdir(parents=True)  # a folder where the file goes
    preferences = Preferences(settings_path)
    heard: list[frozenset[str]] = []
    told: list[SettingsError] = []
    preferences.subscribe(heard.append)
    preferences.subscribe_unsaved(told.append)
    assert not preferences.change(muted=True)
    assert preferences.settings.muted
    assert heard == [frozenset({"muted"})]
    assert [str(error) for error in told] == [
        f"Your settings could not be saved: {settings_path} is a folder. Move or rename that "
        "folder and change a setting again."
    ]


def test_check_ins_ask_the_three_always_asked_plus_the_chosen(settings_path: Path) -> None:
    preferences = Preferences.open(settings_path, now=day)
    assert preferences.checkin_measures() == DEFAULT_MEASURES
    preferences.change(checkin_pain=True)
    assert preferences.checkin_measures() == (*DEFAULT_MEASURES, Measure.PAIN)


def test_a_v5_database_carries_its_measures_into_settings_json(
    tmp_path: Path, settings_path: Path
) -> None:
    db_path = v5_database(tmp_path / "data" / "pfrelax.sqlite3", '["pain", "body_tension"]')
    preferences = Preferences.open(settings_path, now=day)
    with open_database(db_path) as db:
        tables = {row[0] for row in db.connection.execute("SELECT name FROM sqlite_master")}
        assert "settings" not in tables
        preferences.adopt_carried(db)
        assert carried_preferences(db) == {}
    assert preferences.settings.optional_measures == ["pain", "body_tension"]
    saved = json.loads(settings_path.read_text("utf-8"))
    assert (saved["checkin_pain"], saved["checkin_body_tension"]) == (True, True)
    # The old table is still in the copy made before migrating.
    old = sqlite3.connect(backup_path(db_path, CARRY_VERSION - 1))
    assert old.execute("SELECT value FROM settings").fetchall() == [('["pain", "body_tension"]',)]
    old.close()


def test_the_files_own_choice_wins_over_the_carried_value(
    tmp_path: Path, settings_path: Path
) -> None:
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text('{"checkin_pain": false}', "utf-8")
    db_path = v5_database(tmp_path / "data" / "pfrelax.sqlite3", '["pain"]')
    preferences = Preferences.open(settings_path, now=day)
    with open_database(db_path) as db:
        preferences.adopt_carried(db)
        assert carried_preferences(db) == {}
    assert preferences.settings.optional_measures == []


def test_a_carried_value_that_cannot_be_saved_stays_in_the_database_for_next_time(
    tmp_path: Path, settings_path: Path
) -> None:
    db_path = v5_database(tmp_path / "data" / "pfrelax.sqlite3", '["pain"]')
    settings_path.mkdir(parents=True)  # saving fails
    preferences = Preferences(settings_path)
    with open_database(db_path) as db:
        preferences.adopt_carried(db)
        assert carried_preferences(db) == {MEASURES_KEY: ["pain"]}
    assert preferences.settings.checkin_pain  # in use for this run meanwhile
    settings_path.rmdir()
    again = Preferences.open(settings_path, now=day)
    with open_database(db_path) as db:
        again.adopt_carried(db)
        assert carried_preferences(db) == {}
    assert Preferences.read(settings_path).settings.checkin_pain


def test_a_migration_cut_short_leaves_the_old_table_and_its_value(
    tmp_path: Path, settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = v5_database(tmp_path / "data" / "pfrelax.sqlite3", '["pain"]')
    carry = migrations.MIGRATIONS[CARRY_VERSION - 1]
    # Fails after the table is dropped, before COMMIT: as a crash at that moment would.
    cut_short = Migration(carry.version, carry.description, carry.sql + "SELECT * FROM nope;")
    shortened = (
        *migrations.MIGRATIONS[: CARRY_VERSION - 1],
        cut_short,
        *migrations.MIGRATIONS[CARRY_VERSION:],
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", shortened)
    con = sqlite3.connect(db_path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        apply_migrations(con, CARRY_VERSION - 1, target=CARRY_VERSION)
    assert con.execute("PRAGMA user_version").fetchone()[0] == CARRY_VERSION - 1
    assert con.execute("SELECT value FROM settings").fetchall() == [('["pain"]',)]
    con.close()
    monkeypatch.undo()
    preferences = Preferences.open(settings_path, now=day)
    with open_database(db_path) as db:
        preferences.adopt_carried(db)
    assert preferences.settings.checkin_pain


def test_pfrelax_audio_overrides_the_output_setting() -> None:
    chosen = Settings(audio_output="miniaudio")
    assert audio_preference(chosen, {"PFRELAX_AUDIO": "null"}) == "null"
    assert audio_preference(chosen, {"PFRELAX_AUDIO": " "}) == "miniaudio"
    assert audio_preference(chosen, {}) == "miniaudio"


def test_pfrelax_doctor_opens_the_output_chosen_in_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PFRELAX_AUDIO", raising=False)
    Preferences.open().change(audio_output="null")
    assert main(["doctor"]) == 0
    assert "Sound output:  null\n" in capsys.readouterr().out
