"""Saved check-ins survive kill -9; a half-saved check-in never exists; a crash stops its run."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pfrelax.store import connect as connect_module
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import StoreError
from pfrelax.store.files import COPY_TEMP_SUFFIX
from pfrelax.store.runs import Runs

if TYPE_CHECKING:
    from tests.unit.store.conftest import FakeClock

# Saves check-ins as fast as it can and prints each id only after save_checkin has returned.
WRITER = """
import sys
from pathlib import Path
from pfrelax.store import connect as connect_module
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import open_database

checkins = Checkins(open_database(Path(sys.argv[1])))
while True:
    saved = checkins.save_checkin("standalone", {"distress": 4, "mood": 6}, note="still here")
    print(saved, flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_every_reported_checkin_survives_kill_9(db_path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        reported = [writer.stdout.readline() for _ in range(25)]
        assert all(reported), (
            f"the writer stopped early: {writer.stderr.read() if writer.stderr else ''}"
        )
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        reported += writer.stdout.readlines()  # ids printed between the reads and the kill
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        for stream in (writer.stdout, writer.stderr):
            if stream is not None:
                stream.close()
    assert writer.returncode == -signal.SIGKILL
    saved = {int(line) for line in reported if line.strip()}

    with open_database(db_path) as db:
        con = db.connection
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in con.execute("SELECT id FROM checkins")}
        assert saved <= stored
        complete = con.execute(
            "SELECT count(*) FROM checkins c WHERE (SELECT count(*) FROM checkin_values v "
            "WHERE v.checkin_id = c.id) = 2"
        ).fetchone()[0]
        assert complete == len(stored)  # no check-in without all of its values


def test_a_checkin_that_fails_half_way_leaves_nothing(db: Database, clock: FakeClock) -> None:
    # The second rating's INSERT fails (as a full disk would), after the check-in row went in.
    db.connection.execute(
        "CREATE TEMP TRIGGER fail_on_mood BEFORE INSERT ON checkin_values "
        "WHEN NEW.measure = 'mood' BEGIN SELECT RAISE(ABORT, 'disk gave up'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="disk gave up"):
        Checkins(db, clock).save_checkin("standalone", {"distress": 2, "mood": 8})
    con = db.connection
    assert con.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM checkin_values").fetchone()[0] == 0
    assert not con.in_transaction


def test_a_run_interrupted_by_a_crash_is_stopped_at_its_last_progress(
    db_path: Path, clock: FakeClock
) -> None:
    with open_database(db_path) as db:
        runs = Runs(db, clock)
        run_id = runs.start_run("pf-release-10", "Pelvic floor release", "clinic.p1", "1.0.0")
        started = clock()
        clock.advance(seconds=30)
        runs.update_run_progress(run_id, 30)
        clock.advance(seconds=31)
        last_progress = clock()
        runs.update_run_progress(run_id, 61)
        clock.advance(minutes=5)  # the crash: no finish_run
    with open_database(db_path) as db:
        run = Runs(db, clock).get(run_id)
    assert run is not None
    assert run.status == "stopped"
    assert not run.completed
    assert run.seconds == 61
    assert run.started == started
    assert run.ended == last_progress == started + timedelta(seconds=61)


def test_a_tool_opening_beside_the_app_leaves_the_running_session_alone(
    db_path: Path, clock: FakeClock
) -> None:
    with open_database(db_path) as app:
        run_id = Runs(app, clock).start_run("pf-release-10", "Pelvic floor release")
        with open_database(db_path, recover_runs=False) as tool:
            assert tool.schema_version > 0
        run = Runs(app, clock).get(run_id)
        assert run is not None
        assert run.status == "running"
        Runs(app, clock).finish_run(run_id, 600, completed=True)
        finished = Runs(app, clock).get(run_id)
        assert finished is not None
        assert finished.completed


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_files_and_folder_are_owner_only(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(mode=0o755)
    db_path.touch(mode=0o644)
    with open_database(db_path) as db:
        Checkins(db, clock).save_checkin("standalone", {"distress": 1})
        files = [db_path, db_path.with_name("pfrelax.sqlite3-wal"), db_path.parent]
        modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in files}
        db.backup_to(db_path.parent / "copy.sqlite3")
        backup_mode = stat.S_IMODE((db_path.parent / "copy.sqlite3").stat().st_mode)
    assert modes == {"pfrelax.sqlite3": 0o600, "pfrelax.sqlite3-wal": 0o600, "data": 0o700}
    assert backup_mode == 0o600


def test_a_database_held_by_another_writer_says_it_is_busy(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connect_module, "BUSY_TIMEOUT_S", 0.01)
    with open_database(db_path) as app, open_database(db_path) as other:
        app.connection.execute("BEGIN IMMEDIATE")
        message = (
            "pfrelax.sqlite3 is busy: another pfrelax is writing to it. Wait a moment, or close "
            "the other pfrelax, and try again."
        )
        with pytest.raises(StoreError, match=f"^{re.escape(message)}$"):
            Checkins(other).save_checkin("standalone", {"mood": 5})
        app.connection.execute("ROLLBACK")
        assert not other.connection.in_transaction


def test_a_copy_killed_long_ago_is_swept_when_the_history_opens(tmp_path: Path) -> None:
    """A daily copy killed mid-way leaves a whole history under a temp name; the next start
    removes it once it is an hour old, and leaves a younger one (another pfrelax's copy)."""
    path = tmp_path / "pfrelax.sqlite3"
    with open_database(path):
        pass
    stale = tmp_path / f".pfrelax-killed{COPY_TEMP_SUFFIX}"
    stale_journal = tmp_path / f".pfrelax-killed{COPY_TEMP_SUFFIX}-journal"
    young = tmp_path / f".pfrelax-busy{COPY_TEMP_SUFFIX}"
    for each in (stale, stale_journal, young):
        each.write_bytes(b"SQLite format 3\x00")
    hours_ago = stale.stat().st_mtime - 2 * 3600
    for each in (stale, stale_journal):
        os.utime(each, (hours_ago, hours_ago))
    with open_database(path, daily_backup=True):
        pass
    assert not stale.exists()
    assert not stale_journal.exists()
    assert young.exists()
