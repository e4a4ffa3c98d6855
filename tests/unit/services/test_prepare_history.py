"""The history's disk work is done once off the GUI thread at start-up (services.database)."""

from __future__ import annotations

import os
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


def _history_with_a_table_of_its_own(path: Path) -> int:
    """A history with a table nothing in the app reads; the byte offset of that table's page."""
    db = open_database(path)
    with db.transaction() as con:
        con.execute("CREATE TABLE filler (x BLOB)")
        con.executemany("INSERT INTO filler VALUES (zeroblob(500))", [()] * 4)
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'filler'").fetchone()
        page_size = con.execute("PRAGMA page_size").fetchone()
    db.close()
    return int((root[0] - 1) * page_size[0])


def _damage(path: Path, offset: int, *, keep_times: bool) -> None:
    """Garbage over a page only quick_check reads; the file's size (and its times) kept."""
    before = path.stat()
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(b"\xff" * 64)
    if keep_times:  # as if nothing had written the file
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_the_windows_first_open_skips_the_check_just_made_on_the_unchanged_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pfrelax.sqlite3"
    offset = _history_with_a_table_of_its_own(path)
    history = HistoryDatabase(lambda: path)
    assert history.prepare()  # checked here (on the worker thread at start-up)
    _damage(path, offset, keep_times=True)  # undetectable by the stamp: not checked again
    assert history.get() is not None
    history.close()


def test_a_file_written_since_the_check_is_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "pfrelax.sqlite3"
    offset = _history_with_a_table_of_its_own(path)
    history = HistoryDatabase(lambda: path)
    assert history.prepare()
    _damage(path, offset, keep_times=False)
    assert history.get() is None
    assert history.damaged is not None


def test_without_the_check_made_first_the_window_checks_itself(tmp_path: Path) -> None:
    path = tmp_path / "pfrelax.sqlite3"
    offset = _history_with_a_table_of_its_own(path)
    assert prepare_history(path)  # the window's history object was not told
    _damage(path, offset, keep_times=True)
    history = HistoryDatabase(lambda: path)
    assert history.get() is None
    assert history.damaged is not None
