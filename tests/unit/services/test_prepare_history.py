"""The history's disk work is done once off the GUI thread at start-up (services.database)."""

from __future__ import annotations

from pathlib import Path

from pfrelax.services.database import HistoryDatabase, prepare_history
from pfrelax.store.cipher import DatabaseKey
from pfrelax.store.db import open_database
from pfrelax.store.recovery import daily_backup_path

KEY = DatabaseKey(bytes(range(32)), bytes(range(100, 116)))


def test_an_existing_history_gets_its_daily_backup_before_the_window_opens_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pfrelax.sqlite3"
    open_database(path).close()  # yesterday's history, no backup yet today
    assert not daily_backup_path(path).exists()
    assert prepare_history(path)
    assert daily_backup_path(path).is_file()
    backed_up = daily_backup_path(path).stat().st_mtime_ns
    history = HistoryDatabase(lambda: path)
    assert history.get() is not None  # the window's open: nothing left to back up
    assert daily_backup_path(path).stat().st_mtime_ns == backed_up
    history.close()


def test_a_missing_history_is_left_for_the_window_to_create(tmp_path: Path) -> None:
    # The window's open knows whether a new history must be encrypted; this does not.
    path = tmp_path / "pfrelax.sqlite3"
    assert not prepare_history(path)
    assert not path.exists()


def test_a_locked_history_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "pfrelax.sqlite3"
    open_database(path, key=KEY).close()
    before = path.read_bytes()
    assert not prepare_history(path)  # no key: it cannot be opened, and nothing is written
    assert path.read_bytes() == before
    assert not daily_backup_path(path).exists()
