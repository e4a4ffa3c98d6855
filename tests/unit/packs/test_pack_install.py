"""Installing, upgrading, downgrading and removing packs: atomic, and history always kept."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.formats import pack as pack_module
from pfrelax.formats.pack_archive import copy_member
from pfrelax.formats.pack_install import PackNotInstalled
from pfrelax.formats.pack_questions import DowngradeRequired
from pfrelax.store.db import open_database
from pfrelax.store.packs import InstalledPacks
from pfrelax.store.runs import Runs
from tests.pack_service import install_pack, installed_packs, installed_sessions, remove_pack

from .packkit import PACK_ID, pack_files, snapshot, write_zip


def a_pack(tmp_path: Path, version: str = "1.0.0") -> Path:
    return write_zip(tmp_path / f"pack-{version}.pfpack", pack_files(version))


def _plan_started(day: date) -> None:
    with open_database(paths.database_path()) as db:
        InstalledPacks(db).set_plan_started(PACK_ID, day)


def _record_a_run() -> None:
    with open_database(paths.database_path()) as db:
        runs = Runs(db, now=lambda: datetime(2026, 11, 21, 8, tzinfo=UTC))
        runs.finish_run(runs.start_run("soften", "Soften", PACK_ID, "1.0.0"), 60, completed=True)


def _run_count() -> int:
    with open_database(paths.database_path()) as db:
        return int(db.connection.execute("SELECT count(*) FROM runs").fetchone()[0])


def test_install_puts_the_pack_in_its_own_folder_and_registers_it(
    home: Path, tmp_path: Path
) -> None:
    result = install_pack(a_pack(tmp_path))
    folder = paths.packs_dir() / PACK_ID
    assert result.status == "installed"
    assert result.folder == folder
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        ".pfrelax-levels.json",  # the recordings' loudness, measured while installing
        "SHA256SUMS",
        "audio/welcome.wav",
        "pack.toml",
        "sessions/soften.toml",
    ]
    [row] = installed_packs()
    assert (row.pack_id, row.version, row.title, row.folder) == (
        PACK_ID,
        "1.0.0",
        "Test pack",
        folder,
    )
    assert result.pack.sessions[0].origin == folder / "sessions" / "soften.toml"


def test_installed_files_are_owner_only(home: Path, tmp_path: Path) -> None:
    folder = install_pack(a_pack(tmp_path)).folder
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"


def test_installed_sessions_carry_their_pack_and_resolve_audio(home: Path, tmp_path: Path) -> None:
    install_pack(a_pack(tmp_path))
    [session] = installed_sessions()
    assert (session.address, session.pack_version) == (f"{PACK_ID}/soften", "1.0.0")
    assert session.origin is not None
    assert (session.origin.parent.parent / "audio" / "welcome.wav").is_file()


def test_the_same_version_again_changes_nothing(home: Path, tmp_path: Path) -> None:
    pack = a_pack(tmp_path)
    install_pack(pack)
    before = snapshot(home)
    result = install_pack(pack)
    assert result.status == "already installed"
    assert snapshot(home) == before


def test_an_upgrade_keeps_the_plan_start_and_the_history(home: Path, tmp_path: Path) -> None:
    install_pack(a_pack(tmp_path, "1.0.0"))
    _plan_started(date(2026, 11, 21))
    _record_a_run()
    result = install_pack(a_pack(tmp_path, "1.2.0"))
    assert (result.status, result.previous_version) == ("upgraded", "1.0.0")
    [row] = installed_packs()
    assert (row.version, row.plan_started) == ("1.2.0", date(2026, 11, 21))
    assert _run_count() == 1
    assert installed_sessions()[0].pack_version == "1.2.0"
    assert [p.name for p in paths.packs_dir().iterdir()] == [PACK_ID]


def test_an_older_version_needs_permission(home: Path, tmp_path: Path) -> None:
    install_pack(a_pack(tmp_path, "1.2.0"))
    before = snapshot(home)
    with pytest.raises(DowngradeRequired) as asked:
        install_pack(a_pack(tmp_path, "1.0.0"))
    assert str(asked.value) == (
        "Test pack 1.2.0 is installed, and this file is the older version 1.0.0. Installing it "
        "goes back to 1.0.0; your history and the day you started the plan are kept."
    )
    assert snapshot(home) == before
    result = install_pack(a_pack(tmp_path, "1.0.0"), allow_downgrade=True)
    assert (result.status, installed_packs()[0].version) == ("downgraded", "1.0.0")


def test_prerelease_versions_order_before_their_release(home: Path, tmp_path: Path) -> None:
    install_pack(a_pack(tmp_path, "2.0.0-beta.2"))
    assert install_pack(a_pack(tmp_path, "2.0.0")).status == "upgraded"
    with pytest.raises(DowngradeRequired):
        install_pack(a_pack(tmp_path, "2.0.0-beta.10"))


def test_remove_deletes_the_folder_and_record_but_keeps_history(home: Path, tmp_path: Path) -> None:
    install_pack(a_pack(tmp_path))
    _record_a_run()
    removed = remove_pack(PACK_ID)
    assert removed.pack_id == PACK_ID
    assert list(paths.packs_dir().iterdir()) == []
    assert installed_packs() == []
    assert _run_count() == 1


def test_removing_a_pack_that_is_not_installed_says_so(home: Path) -> None:
    with pytest.raises(PackNotInstalled, match=r"no pack 'nope\.pack' is installed"):
        remove_pack("nope.pack")


def test_a_failure_while_registering_leaves_nothing_behind(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(home)

    def power_cut(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(InstalledPacks, "upsert", power_cut)
    with pytest.raises(OSError, match="disk full"):
        install_pack(a_pack(tmp_path))
    assert snapshot(home) == before


def test_a_failed_upgrade_puts_the_old_pack_back(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_pack(a_pack(tmp_path, "1.0.0"))
    before = snapshot(home)

    def power_cut(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(InstalledPacks, "upsert", power_cut)
    with pytest.raises(OSError, match="disk full"):
        install_pack(a_pack(tmp_path, "1.1.0"))
    assert snapshot(home) == before


def test_a_failure_while_copying_members_leaves_nothing_behind(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(home)
    real_copy = copy_member  # what pack.py calls, by the name monkeypatched below
    copied: list[str] = []

    def fail_on_the_second(source: object, name: str, target: Path) -> str:
        copied.append(name)
        if len(copied) == 2:
            raise OSError(28, "No space left on device")
        return real_copy(source, name, target)  # type: ignore[arg-type]

    monkeypatch.setattr(pack_module, "copy_member", fail_on_the_second)
    with pytest.raises(OSError, match="No space left"):
        install_pack(a_pack(tmp_path))
    assert snapshot(home) == before


def test_staging_left_by_a_killed_install_is_swept_later(home: Path, tmp_path: Path) -> None:
    leftover = paths.packs_dir() / ".staging-killed"
    leftover.mkdir()
    (leftover / "pack.toml").write_text("half")
    os.utime(leftover, (0, 0))
    install_pack(a_pack(tmp_path))
    assert not leftover.exists()


def test_a_pack_folder_installs_too(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "authoring"
    for name, data in pack_files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    (folder / ".DS_Store").write_bytes(b"finder junk")
    result = install_pack(folder)
    assert result.status == "installed"
    assert not (result.folder / ".DS_Store").exists()


def test_listing_packs_on_a_fresh_machine_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "fresh"))
    assert installed_sessions() == []
    assert not paths.database_path().exists()


def test_a_session_file_damaged_after_install_is_left_out(home: Path, tmp_path: Path) -> None:
    folder = install_pack(a_pack(tmp_path)).folder
    (folder / "sessions" / "soften.toml").write_text("pfrelax = 1\nid = ")
    assert installed_sessions() == []
    assert [pack.pack_id for pack in installed_packs()] == [PACK_ID]
