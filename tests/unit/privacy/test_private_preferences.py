"""The check-in measure choices (they tell the condition) live inside the history database,
encrypted with it, never in the plain settings.json once the history is open."""

from __future__ import annotations

import json
from pathlib import Path

from pfrelax.services.preferences import PRIVATE_FIELDS, Preferences
from pfrelax.services.privacy import Privacy
from pfrelax.store.db import Database, open_database
from pfrelax.store.private_preferences import read_private, write_private

from .conftest import fill

PASSPHRASE = "a calm long passphrase"


def settings_file(tmp_path: Path, **values: object) -> Path:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "dark", **values}), encoding="utf-8")
    return path


def file_keys(path: Path) -> set[str]:
    return set(json.loads(path.read_text(encoding="utf-8")))


def test_with_a_passphrase_the_file_holds_none_of_the_check_in_choices(
    tmp_path: Path, db_path: Path, privacy: Privacy
) -> None:
    path = settings_file(tmp_path, checkin_pain=True, checkin_body_tension=True)
    fill(db_path)
    key = privacy.set_passphrase(PASSPHRASE)
    preferences = Preferences.open(path)
    with open_database(db_path, key=key) as db:
        assert preferences.keep_private_in(lambda: db)
        assert read_private(db.connection) == {"checkin_body_tension": True, "checkin_pain": True}
        preferences.change(theme="light", checkin_pain=False)
        assert read_private(db.connection)["checkin_pain"] is False
    assert not file_keys(path) & PRIVATE_FIELDS
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "light"
    assert b"checkin_pain" not in db_path.read_bytes()  # encrypted with the rest
    with open_database(db_path, key=privacy.key_for(PASSPHRASE)) as db:
        again = Preferences.open(path)
        again.keep_private_in(lambda: db)
        assert again.settings.checkin_body_tension
        assert not again.settings.checkin_pain


def test_a_crash_after_the_database_commit_leaves_the_database_choice(
    tmp_path: Path, db_path: Path
) -> None:
    # Copied in and committed, then killed before the file was rewritten: both hold a value.
    path = settings_file(tmp_path, checkin_pain=False)
    with open_database(db_path) as db:
        write_private(db.connection, {"checkin_pain": True})
        preferences = Preferences.open(path)
        told: list[frozenset[str]] = []
        preferences.subscribe(told.append)
        preferences.keep_private_in(lambda: db)
        assert preferences.settings.checkin_pain
        assert told == [frozenset({"checkin_pain"})]
    assert not file_keys(path) & PRIVATE_FIELDS


def test_a_history_that_cannot_be_written_keeps_the_choices_in_the_file(
    tmp_path: Path, db_path: Path
) -> None:
    path = settings_file(tmp_path, checkin_pain=True)
    with open_database(db_path) as db:
        read_only = Database(db.path, db.connection, read_only=True)
        preferences = Preferences.open(path)
        assert not preferences.keep_private_in(lambda: read_only)
        preferences.change(theme="light")
    assert json.loads(path.read_text(encoding="utf-8"))["checkin_pain"] is True


def test_without_the_history_a_choice_never_made_is_not_written(tmp_path: Path) -> None:
    path = settings_file(tmp_path)
    Preferences.read(path).change(theme="light")  # e.g. the command line
    assert not file_keys(path) & PRIVATE_FIELDS


def test_delete_all_my_data_keeps_the_choices_and_restore_keeps_the_current_ones(
    tmp_path: Path, db_path: Path
) -> None:
    backup = tmp_path / "backup.sqlite3"
    with open_database(db_path) as db:
        write_private(db.connection, {"checkin_pain": False})
        db.backup_to(backup)
        write_private(db.connection, {"checkin_pain": True})
        db.delete_all_data()
        assert read_private(db.connection) == {"checkin_pain": True}
        db.restore_from(backup)
        assert read_private(db.connection) == {"checkin_pain": True}


def test_a_history_gone_read_only_keeps_the_other_settings_saved_and_says_so(
    tmp_path: Path, db_path: Path
) -> None:
    path = settings_file(tmp_path)
    with open_database(db_path) as db:
        current: list[Database] = [db]
        preferences = Preferences.open(path)
        assert preferences.keep_private_in(lambda: current[0])
        told: list[str] = []
        preferences.subscribe_unsaved(lambda error: told.append(str(error)))
        current[0] = Database(db.path, db.connection, read_only=True)
        assert not preferences.change(theme="light", checkin_pain=True)
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "light"
    assert not file_keys(path) & PRIVATE_FIELDS  # not put in the plain file instead
    assert len(told) == 1
    assert "check-in choices could not be saved" in told[0]
    assert preferences.settings.checkin_pain  # it applies until pfrelax closes
