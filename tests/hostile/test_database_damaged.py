"""A damaged database is noticed on open, never written to, and the way back is offered: the last
backup, which `pfrelax restore` puts in its place, keeping the damaged file."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.store.checkins import insert_checkin
from pfrelax.store.db import Database, backup_path, open_database
from pfrelax.store.errors import DamagedDatabaseError, StoreError
from pfrelax.store.migrations import LATEST_VERSION, apply_migrations
from pfrelax.store.recovery import daily_backup_path
from pfrelax.store.timecodec import to_columns

from .conftest import refused, run_cli
from .folders import assert_unchanged, snapshot

PAGE = 4096
FIRST = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
DAMAGED = re.compile(
    r"^pfrelax [a-z ]+: pfrelax\.sqlite3 is damaged \((.+)\)\. Nothing was changed in it\. (.+)$"
)


def fill(db: Database, count: int = 600) -> None:
    """`count` check-ins with notes, enough for a database of a few dozen pages."""
    with db.transaction() as con:
        for n in range(count):
            at, offset = to_columns(FIRST + timedelta(hours=n))
            row = (None, None, at, offset, "standalone", f"note {n} " + "x" * 40)
            insert_checkin(con, row, [("mood", n % 11), ("distress", 3)])


def damage_a_page(path: Path, page: int = 20) -> None:
    """Garbage over one page in the middle of the file, as a failing disk leaves it."""
    data = bytearray(path.read_bytes())
    assert len(data) > (page + 1) * PAGE
    data[page * PAGE : (page + 1) * PAGE] = bytes(range(256)) * (PAGE // 256)
    path.write_bytes(bytes(data))


def swap_two_indexes(path: Path) -> None:
    """Damage only a full integrity_check finds: two indexes of the check-ins swapped, every
    page well formed (a third index is made for it, as the oldest schema has only one)."""
    con = sqlite3.connect(path)
    con.execute("CREATE INDEX IF NOT EXISTS extra_by_note ON checkins (note)")
    roots = dict(con.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'index'"))
    con.execute("PRAGMA writable_schema = ON")
    for one, other in (("extra_by_note", "checkins_by_run"), ("checkins_by_run", "extra_by_note")):
        con.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", (roots[other], one))
    con.commit()
    con.close()


@pytest.fixture
def damaged_home(home: Path) -> Path:
    """A history with a daily backup from before, then a page of the database destroyed."""
    with open_database(paths.database_path(), daily_backup=True) as db:
        fill(db)
        db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_a_page(paths.database_path())
    return home


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--csv", "OUT"],
        ["export", "--json", "OUT"],
        ["import", "--csv", "IN"],
        ["pack", "list"],
        ["pack", "remove", "clinic.p1"],
        ["report", "--pdf", "OUT"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_every_command_refuses_a_damaged_database_and_leaves_it_alone(
    damaged_home: Path, tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "IN").mkdir()
    for name, header in (
        ("runs.csv", "run_id,session,pack,pack_version,started,ended,seconds,completed"),
        ("checkins.csv", "checkin_id,time,moment,session,measure,value,note"),
    ):
        (tmp_path / "IN" / name).write_text(header + "\n", "utf-8")
    args = [str(tmp_path / a) if a in ("OUT", "IN") else a for a in args]
    before = snapshot(damaged_home)
    err = refused(args, damaged_home)
    assert_unchanged(before, damaged_home)
    match = DAMAGED.match(err.strip())
    assert match, err
    assert match.group(2).startswith("Your last backup is from ")
    assert match.group(2).endswith(
        "(pfrelax.sqlite3.bak-daily); `pfrelax restore` puts it back and keeps the damaged file "
        "beside it."
    )


def test_restore_puts_the_last_backup_back_and_keeps_the_damaged_file(
    damaged_home: Path,
) -> None:
    data = damaged_home / "data"
    damaged_bytes = (data / "pfrelax.sqlite3").read_bytes()
    ran = run_cli(["restore"], damaged_home)
    assert ran.code == 0, ran.err
    [kept] = data.glob("pfrelax.sqlite3.damaged-*")
    assert ran.out == (
        f"Restored 0 check-ins and 0 session runs from {data / 'pfrelax.sqlite3.bak-daily'}. "
        f"What it replaced is kept as {kept}.\n"
    )
    assert kept.read_bytes() == damaged_bytes
    assert run_cli(["export", "--csv", str(damaged_home / "out")], damaged_home).code == 0


def test_restore_of_a_healthy_history_keeps_what_it_replaces(home: Path, tmp_path: Path) -> None:
    with open_database(paths.database_path()) as db:
        db.backup_to(tmp_path / "empty.sqlite3")
        fill(db, 5)
    ran = run_cli(["restore", str(tmp_path / "empty.sqlite3")], home)
    assert ran.code == 0, ran.err
    [kept] = (home / "data").glob("pfrelax.sqlite3.replaced-*")
    with open_database(kept) as old:
        assert old.connection.execute("SELECT count(*) FROM checkins").fetchone()[0] == 5


def test_restore_refuses_a_file_that_is_not_a_backup(home: Path, tmp_path: Path) -> None:
    with open_database(paths.database_path()) as db:
        fill(db, 5)
    (tmp_path / "list.txt").write_bytes(b"milk, eggs" * 500)
    before = snapshot(home)
    err = refused(["restore", str(tmp_path / "list.txt")], home)
    assert_unchanged(before, home)
    assert err == (
        "pfrelax restore: list.txt cannot be read as a pfrelax backup (file is not a database). "
        "Choose another file; your current data is unchanged.\n"
    )


def test_with_no_backup_kept_the_message_says_what_to_do(home: Path) -> None:
    with open_database(paths.database_path()) as db:
        fill(db)
        db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_a_page(paths.database_path())
    err = refused(["export", "--csv", str(home / "out")], home)
    assert err.strip().endswith(
        f"There is no backup of it in {home / 'data'}: restore one you saved elsewhere with "
        "`pfrelax restore FILE`, or move pfrelax.sqlite3 away to start with an empty history."
    )
    assert refused(["restore"], home) == (
        f"pfrelax restore: pfrelax has kept no backup in {home / 'data'} yet. Give the backup "
        "file you saved: pfrelax restore FILE\n"
    )


def test_a_backup_is_not_made_of_a_damaged_database(home: Path, tmp_path: Path) -> None:
    with open_database(paths.database_path()) as db:
        fill(db)
    swap_two_indexes(paths.database_path())
    # Every page is readable, so it opens; the backup's full check finds the damage.
    with (
        open_database(paths.database_path()) as db,
        pytest.raises(DamagedDatabaseError, match="row 1 missing from index"),
    ):
        db.backup_to(tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()


def test_the_daily_copy_is_not_overwritten_by_a_damaged_database(home: Path) -> None:
    with open_database(paths.database_path(), daily_backup=True) as db:
        fill(db)
    daily = daily_backup_path(paths.database_path())
    good = daily.read_bytes()
    os.utime(daily, (0, 0))  # a day old: due again
    swap_two_indexes(paths.database_path())
    with pytest.raises(DamagedDatabaseError):
        open_database(paths.database_path(), daily_backup=True)
    assert daily.read_bytes() == good


def test_a_damaged_database_is_not_migrated(home: Path) -> None:
    path = paths.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    apply_migrations(con, 0, target=LATEST_VERSION - 1)
    con.close()
    with Database(path, sqlite3.connect(path, isolation_level=None)) as db:
        fill(db)
    swap_two_indexes(path)
    path.chmod(0o600)  # as pfrelax made it: the refusal then changes nothing at all
    before = snapshot(home)
    with pytest.raises(DamagedDatabaseError, match=r"is damaged \(row 1 missing from index"):
        open_database(path)
    assert_unchanged(before, home)
    assert not backup_path(path, LATEST_VERSION - 1).exists()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (
            lambda p: p.write_bytes(b"not a database at all " * 400),
            "pfrelax.sqlite3 cannot be read as a database (file is not a database). Restore a "
            "backup, or move {path} away to start with an empty history.",
        ),
        (
            lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
            "pfrelax.sqlite3 is damaged (database disk image is malformed). Nothing was changed "
            "in it. There is no backup of it in {folder}: restore one you saved elsewhere with "
            "`pfrelax restore FILE`, or move pfrelax.sqlite3 away to start with an empty history.",
        ),
        (
            lambda p: _set(p, "user_version", 99),
            "pfrelax.sqlite3 was written by a newer version of pfrelax (schema 99; this version "
            f"understands up to {LATEST_VERSION}). Update pfrelax, or restore a backup.",
        ),
        (
            lambda p: _set(p, "application_id", 1234),
            "pfrelax.sqlite3 is not a pfrelax database. Move {path} away to start with an empty "
            "history, or restore a pfrelax backup.",
        ),
    ],
    ids=["random bytes", "truncated", "newer version", "another application"],
)
def test_the_file_level_refusals_are_kept(home: Path, spoil: object, message: str) -> None:
    path = paths.database_path()
    with open_database(path) as db:
        fill(db)
        db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    spoil(path)  # type: ignore[operator]
    before = snapshot(home)
    with pytest.raises(StoreError) as refusal:
        open_database(path)
    assert str(refusal.value) == message.format(path=path, folder=path.parent)
    assert_unchanged(before, home)


def _set(path: Path, pragma: str, value: int) -> None:
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA {pragma} = {value}")
    con.commit()
    con.close()
