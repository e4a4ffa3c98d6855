"""services.pack_import and services.local_time: reading, previewing, installing and starting
a plan on real files, an injected clock and zone; the one owner of the computer's time zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pfrelax.services import local_time
from pfrelax.services.pack_import import Allowed, DowngradeRequired, PackImport, is_pack_path
from pfrelax.store.db import Database, open_database
from pfrelax.store.packs import InstalledPacks
from tests.unit.packs.packkit import PACK_ID, pack_files, write_folder, write_zip

AUCKLAND = ZoneInfo("Pacific/Auckland")
# 11:30 UTC on 9 March is already 10 March in Auckland: the plan starts on the patient's day.
NOW = datetime(2026, 3, 9, 11, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "data" / "pfrelax.sqlite3")
    yield database
    database.close()


def _imports(db: Database, tmp_path: Path) -> PackImport:
    return PackImport(db, folder=lambda: tmp_path / "packs", now=lambda: NOW, zone=AUCKLAND)


def test_read_preview_install_and_start_the_plan_on_the_patient_s_day(
    db: Database, tmp_path: Path
) -> None:
    imports = _imports(db, tmp_path)
    path = write_zip(tmp_path / "p.pfpack", pack_files())
    assert is_pack_path(path)
    read = imports.read(path)
    assert read.on_disk is None
    assert imports.preview(read).change == "new"
    result = imports.install(read.source, Allowed())
    imports.start_plan(result)
    record = InstalledPacks(db).get(PACK_ID)
    assert record is not None
    assert record.plan_started == date(2026, 3, 10)
    again = imports.read(path)
    assert again.on_disk is not None
    assert again.on_disk.same_content
    assert imports.preview(again).change == "same"


def test_a_started_plan_keeps_its_day_when_the_pack_is_installed_again(
    db: Database, tmp_path: Path
) -> None:
    imports = _imports(db, tmp_path)
    path = write_zip(tmp_path / "p.pfpack", pack_files())
    imports.start_plan(imports.install(path, Allowed()))
    later = PackImport(
        db, folder=lambda: tmp_path / "packs", now=lambda: NOW + timedelta(days=5), zone=AUCKLAND
    )
    later.start_plan(later.install(path, Allowed()))
    record = InstalledPacks(db).get(PACK_ID)
    assert record is not None
    assert record.plan_started == date(2026, 3, 10)


def test_an_older_version_needs_the_person_s_yes(db: Database, tmp_path: Path) -> None:
    imports = _imports(db, tmp_path)
    imports.install(write_zip(tmp_path / "new.pfpack", pack_files("1.1.0")), Allowed())
    older = write_zip(tmp_path / "old.pfpack", pack_files("1.0.0"))
    assert imports.preview(imports.read(older)).change == "downgrade"
    with pytest.raises(DowngradeRequired):
        imports.install(older, Allowed())
    assert imports.install(older, Allowed(downgrade=True)).pack.version == "1.0.0"


def test_a_folder_with_a_manifest_is_a_pack_and_other_files_are_not(tmp_path: Path) -> None:
    assert is_pack_path(write_folder(tmp_path / "authoring", pack_files()))
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert not is_pack_path(tmp_path / "notes.txt")
    assert not is_pack_path(tmp_path / "missing.pfpack")


def test_the_system_zone_follows_tz_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/Chicago")
    assert local_time.system_zone(lambda: "Asia/Tokyo") == ZoneInfo("America/Chicago")


def test_the_toolkit_names_the_zone_when_the_system_files_cannot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(local_time, "local_zone", lambda: None)
    assert local_time.system_zone(lambda: "Asia/Tokyo") == ZoneInfo("Asia/Tokyo")
    fixed = local_time.system_zone(lambda: "Not/A_Zone")
    assert fixed.utcoffset(datetime(2026, 1, 1)) is not None
