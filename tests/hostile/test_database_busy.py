"""A history another process holds locked (another pfrelax migrating it, a tool with it open
exclusively): it is said to be busy, never called damaged, so nothing offers to replace it with
a backup; the CLI exits 1 and the file is left as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.cli import main
from pfrelax.services.database import DAMAGED, HistoryDatabase
from pfrelax.services.preferences import Preferences
from pfrelax.store.db import open_database

from .folders import assert_unchanged, snapshot

BUSY = (
    "pfrelax.sqlite3 is busy: another pfrelax is writing to it. Wait a moment, or close the "
    "other pfrelax, and try again."
)


@pytest.fixture
def held(home: Path) -> Iterator[Path]:
    """A history with the check-in choices inside, held in an exclusive lock meanwhile."""
    with open_database(paths.database_path()) as db:
        preferences = Preferences.read()
        assert preferences.keep_private_in(lambda: db)
        assert preferences.change(checkin_pain=True)
    other = sqlite3.connect(paths.database_path(), isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield home
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_the_command_line_says_busy_and_changes_nothing(
    held: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(held)
    assert main(["export", "--json", str(tmp_path / "history.json")]) == 1
    err = capsys.readouterr().err
    assert err == f"pfrelax export: {BUSY}\n"
    assert_unchanged(before, held)
    assert not (tmp_path / "history.json").exists()


def test_the_app_s_history_is_busy_not_damaged(held: Path) -> None:
    history = HistoryDatabase(paths.database_path)
    assert history.get() is None
    assert history.problem == BUSY
    assert history.damaged is None
    assert DAMAGED not in history.take_notices()
