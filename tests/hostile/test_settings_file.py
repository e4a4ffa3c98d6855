"""A settings file is never a reason not to start: broken ones are set aside (renamed with the
date) and the person told once; a folder where the file goes does not make saving fail silently."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pfrelax.core.settings import Settings, SettingsError
from pfrelax.services import preferences as store
from pfrelax.services.preferences import Preferences
from pfrelax.store.carried import MEASURES_KEY, carried_preferences
from pfrelax.store.db import open_database

from .conftest import make_read_only, run_python


def day() -> datetime:
    return datetime(2026, 12, 2, 9, 30)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder / "settings.json"


@pytest.mark.parametrize(
    ("brackets", "why"),
    [
        (100_000, "is larger than 64 KB, which no settings file is"),
        (50_000, "is nested too deeply to be read"),
    ],
)
def test_a_file_of_brackets_starts_with_the_defaults_and_is_set_aside(
    path: Path, brackets: int, why: str
) -> None:
    path.write_text("[" * brackets, "utf-8")
    loaded = store.load_at_start(path, now=day)
    aside = path.with_name("settings.json.broken-2026-12-02")
    assert loaded == store.Loaded(
        Settings(),
        f"Your settings file {why}, so pfrelax started with its usual settings. The old file "
        f"is kept as {aside}.",
    )
    assert aside.read_text("utf-8") == "[" * brackets
    assert not path.exists()
    assert store.load_at_start(path, now=day) == store.Loaded(Settings())  # told once


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (
            b"{not json",
            "is not valid settings (Expecting property name enclosed in double quotes on line 1)",
        ),
        (b"[1, 2]", "is not valid settings (it holds no settings object)"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
        (
            b'{"count_in_seconds": ' + b"9" * 5000 + b"}",
            "has a number too long to read",
        ),
        (b" " * 70_000, "is larger than 64 KB, which no settings file is"),
    ],
    ids=["not json", "not an object", "not utf-8", "5000 digits", "70 KB"],
)
def test_each_kind_of_broken_file_is_named(path: Path, content: bytes, why: str) -> None:
    path.write_bytes(content)
    loaded = store.load_at_start(path, now=day)
    assert loaded.settings == Settings()
    assert loaded.notice.startswith(f"Your settings file {why}, so pfrelax started")
    assert path.with_name("settings.json.broken-2026-12-02").read_bytes() == content


def test_a_second_broken_file_the_same_day_does_not_replace_the_first(path: Path) -> None:
    for text in ("first {", "second {"):
        path.write_text(text, "utf-8")
        store.load_at_start(path, now=day)
    assert path.with_name("settings.json.broken-2026-12-02").read_text("utf-8") == "first {"
    assert path.with_name("settings.json.broken-2026-12-02-2").read_text("utf-8") == "second {"


def test_a_hand_edited_value_is_not_a_broken_file(path: Path) -> None:
    path.write_text('{"theme": "purple", "count_in_seconds": 5}', "utf-8")
    assert store.load_at_start(path, now=day) == store.Loaded(Settings(count_in_seconds=5))
    assert path.exists()


def test_a_folder_where_the_file_goes_is_set_aside_and_saving_works(path: Path) -> None:
    path.mkdir()
    (path / "something.txt").write_text("kept", "utf-8")
    loaded = store.load_at_start(path, now=day)
    assert loaded.notice.startswith("Your settings file is a folder, not a file, so pfrelax")
    store.save(Settings(disclaimer_seen=True), path)
    assert store.load(path).disclaimer_seen
    kept = path.with_name("settings.json.broken-2026-12-02") / "something.txt"
    assert kept.read_text("utf-8") == "kept"


def test_saving_onto_a_folder_says_so(path: Path) -> None:
    path.mkdir()
    with pytest.raises(SettingsError) as refusal:
        store.save(Settings(theme="dark"), path)
    assert str(refusal.value) == (
        f"Your settings could not be saved: {path} is a folder. Move or rename that folder and "
        "change a setting again."
    )


def test_saving_into_a_read_only_folder_says_so(path: Path, tmp_path: Path) -> None:
    """In a subprocess, so that the permission bits hold even when the tests run as root."""
    script = (
        "from pathlib import Path; from pfrelax.services import preferences as s\n"
        "from pfrelax.core.settings import Settings, SettingsError\n"
        f"try: s.save(Settings(), Path({str(path)!r}))\n"
        "except SettingsError as e: print(e); raise SystemExit(1)\n"
    )
    with make_read_only(path.parent):
        ran = run_python(["-c", script], tmp_path / "home", read_only=True)
    assert (ran.code, ran.out.strip()) == (
        1,
        f"Your settings could not be saved: {path.parent} is read-only. Make it writable to "
        "keep your changes.",
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=200) | st.text(max_size=100).map(str.encode))
@example(content=b"[" * 100_000)
@example(content=b"{" * 5000)
@example(content=json.dumps({"theme": "\udc00"}, ensure_ascii=True).encode())
def test_random_bytes_never_stop_the_settings_reader(path: Path, content: bytes) -> None:
    path.write_bytes(content)
    assert isinstance(store.load(path), Settings)
    loaded = store.load_at_start(path, now=day)
    assert isinstance(loaded.settings, Settings)
    for aside in path.parent.glob("settings.json.broken-*"):
        aside.unlink()


def test_a_carried_setting_edited_into_nonsense_reads_as_nothing_and_is_forgotten(
    tmp_path: Path, path: Path
) -> None:
    db_path = tmp_path / "data" / "pfrelax.sqlite3"
    open_database(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("INSERT INTO carried_preferences VALUES (?, ?)", (MEASURES_KEY, "[" * 100_000))
    con.commit()
    con.close()
    preferences = Preferences.open(path, now=day)
    with open_database(db_path) as db:
        assert carried_preferences(db) == {MEASURES_KEY: None}
        preferences.adopt_carried(db)
        assert carried_preferences(db) == {}
    assert preferences.settings == Settings()
