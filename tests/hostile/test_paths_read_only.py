"""A read-only data folder: every command that only reads works; every command that writes says
the folder is read-only, exit status 1; nothing in the folder changes either way."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.core.settings import Settings
from pfrelax.services import preferences as settings_store
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import open_database

from .conftest import make_read_only, refused, run_cli
from .folders import assert_unchanged, snapshot
from .pack_builders import PACK_ID, pack_files, write_pack

READ_ONLY = "is read-only, so pfrelax cannot save anything there"


@pytest.fixture
def used_home(home: Path, tmp_path: Path) -> Path:
    """A home a person has used: a check-in, a backup of it elsewhere, settings saved."""
    with open_database(paths.database_path()) as db:
        Checkins(db).save_checkin("standalone", {"mood": 6, "distress": 2}, note="ok")
        db.backup_to(tmp_path / "backup.sqlite3")
    settings_store.save(Settings(theme="dark"))
    return home


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["sessions"],
        ["show", "box-4-4-4-4"],
        ["timeline", "box-4-4-4-4"],
        ["pack", "list"],
        ["export", "--csv", "ELSEWHERE"],
        ["export", "--json", "ELSEWHERE/history.json"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_reading_commands_work(used_home: Path, tmp_path: Path, args: list[str]) -> None:
    args = [a.replace("ELSEWHERE", str(tmp_path / "out")) for a in args]
    with make_read_only(used_home):
        before = snapshot(used_home)
        ran = run_cli(args, used_home, read_only=True)
        assert_unchanged(before, used_home)
    assert ran.code == 0, ran.err
    assert ran.err == ""


def test_the_export_of_a_read_only_history_has_everything(used_home: Path, tmp_path: Path) -> None:
    with make_read_only(used_home):
        ran = run_cli(["export", "--csv", str(tmp_path / "out")], used_home, read_only=True)
    assert ran.out == f"Exported 1 check-in and 0 session runs to {tmp_path / 'out'}.\n"


def test_the_report_reads_a_read_only_history(used_home: Path, tmp_path: Path) -> None:
    with make_read_only(used_home):
        before = snapshot(used_home)
        ran = run_cli(["report", "--pdf", str(tmp_path / "r.pdf")], used_home, read_only=True)
        assert_unchanged(before, used_home)
    assert ran.code == 0, ran.err
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_doctor_reports_on_a_read_only_home_without_a_traceback(used_home: Path) -> None:
    with make_read_only(used_home):
        before = snapshot(used_home)
        ran = run_cli(["doctor"], used_home, read_only=True)  # exit 1 without a sound device
        assert_unchanged(before, used_home)
    assert f"Data folder:   {used_home / 'data'}" in ran.out


@pytest.mark.parametrize(
    "args",
    [["import", "--csv", "IN"], ["restore", "BACKUP"]],
    ids=["import", "restore"],
)
def test_writing_commands_say_the_folder_is_read_only(
    used_home: Path, tmp_path: Path, args: list[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "runs.csv").write_text(
        "run_id,session,pack,pack_version,started,ended,seconds,completed\n", "utf-8"
    )
    (folder / "checkins.csv").write_text(
        "checkin_id,time,moment,session,measure,value,note\n", "utf-8"
    )
    args = [{"IN": str(folder), "BACKUP": str(tmp_path / "backup.sqlite3")}.get(a, a) for a in args]
    with make_read_only(used_home):
        before = snapshot(used_home)
        err = refused(args, used_home, read_only=True)
        assert_unchanged(before, used_home)
    assert READ_ONLY in err
    assert str(used_home / "data") in err


def test_a_read_only_home_with_nothing_in_it_is_an_empty_history(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o500)
    ran = run_cli(["export", "--csv", str(tmp_path / "out")], home, read_only=True)
    assert (ran.code, ran.out) == (
        0,
        f"Exported 0 check-ins and 0 session runs to {tmp_path / 'out'}.\n",
    )
    assert list(home.iterdir()) == []


def test_unsaved_changes_in_a_read_only_folder_are_not_read_half(used_home: Path) -> None:
    """A -wal file left by a crash holds the last saves; reading without it would show an old
    history as if it were all, so pfrelax says why it cannot read instead."""
    with open_database(paths.database_path()) as db:
        db.connection.execute("PRAGMA wal_autocheckpoint = 0")
        Checkins(db).save_checkin("standalone", {"mood": 2})
        wal = paths.database_path().with_name("pfrelax.sqlite3-wal")
        left = wal.read_bytes()
    wal.write_bytes(left)  # as a crash leaves it: the checkpoint at close did not happen
    shm = paths.database_path().with_name("pfrelax.sqlite3-shm")
    shm.unlink(missing_ok=True)
    with make_read_only(used_home):
        before = snapshot(used_home)
        err = refused(["export", "--csv", str(used_home.parent / "out")], used_home, read_only=True)
        assert_unchanged(before, used_home)
    assert "has changes that are not merged into it yet (pfrelax.sqlite3-wal)" in err


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_folder_made_read_only_is_never_made_writable_again(used_home: Path) -> None:
    data = used_home / "data"
    data.chmod(0o500)
    try:
        paths.data_dir()
        assert stat.S_IMODE(data.stat().st_mode) == 0o500
    finally:
        data.chmod(0o700)


def test_pack_install_says_the_folder_is_read_only(used_home: Path, tmp_path: Path) -> None:
    """Not "No such file or directory: …/packs": the person is told why and what to do."""
    pack = write_pack(tmp_path / "hostile.pfpack", pack_files())
    with make_read_only(used_home):
        before = snapshot(used_home)
        err = refused(["pack", "install", str(pack)], used_home, read_only=True)
        assert_unchanged(before, used_home)
    assert READ_ONLY in err, err
    assert str(used_home / "data") in err


def test_removing_an_installed_pack_from_a_read_only_folder_says_so(
    used_home: Path, tmp_path: Path
) -> None:
    assert (
        run_cli(
            ["pack", "install", str(write_pack(tmp_path / "hostile.pfpack", pack_files()))],
            used_home,
        ).code
        == 0
    )
    with make_read_only(used_home):
        before = snapshot(used_home)
        err = refused(["pack", "remove", PACK_ID], used_home, read_only=True)
        assert_unchanged(before, used_home)
    assert READ_ONLY in err, err
