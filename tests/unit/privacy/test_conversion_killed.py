"""Conversions killed with SIGKILL at random points: one whole history remains every time."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from pathlib import Path

from pfrelax.store.cipher import is_encrypted
from pfrelax.store.convert import tidy_interrupted
from pfrelax.store.db import open_database

from .conftest import fill
from .convert_until_killed import KEY

CHILD = Path(__file__).with_name("convert_until_killed.py")
KILLS = 20


def kill_after(path: Path, lines: int) -> None:
    """Start the converter, let it report `lines` steps, then kill -9 it mid-way through the
    next one (wherever that is: inside SQLite's writes, an fsync or a rename)."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[3],
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    for _ in range(lines):
        assert child.stdout.readline() != ""
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def whole_history(path: Path) -> int:
    key = KEY if is_encrypted(path) else None
    with open_database(path, recover_runs=False, key=key) as db:
        assert db.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(db.connection.execute("SELECT count(*) FROM checkins").fetchone()[0])


def test_killed_conversions_always_leave_one_whole_history(tmp_path: Path) -> None:
    path = tmp_path / "data" / "pfrelax.sqlite3"
    fill(path, count=40)
    chooser = random.Random(16)  # fixed: the same kill points every run
    outcomes = set()
    for _ in range(KILLS):
        kill_after(path, chooser.randrange(0, 14))
        tidy_interrupted(path)
        assert whole_history(path) == 40
        outcomes.add(is_encrypted(path))
        left = sorted(each.name for each in path.parent.iterdir())
        assert all(name.startswith(path.name) for name in left), left
    assert outcomes == {True, False}  # the kills fell both before and after renames
