"""services.history_data and services.report: the person's data as a whole, on real files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pfrelax.services.history_data import HistoryData
from pfrelax.services.report import gather_report
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database

ZONE = timezone(timedelta(hours=-5))
WHEN = datetime(2026, 4, 7, 20, 15, tzinfo=ZONE)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "history" / "pfrelax.sqlite3")
    yield database
    database.close()


def _history(db: Database, tmp_path: Path) -> HistoryData:
    return HistoryData(db, lambda: tmp_path / "packs", lambda: tmp_path / "cache")


def _checkin(db: Database, note: str = "") -> None:
    Checkins(db, now=lambda: WHEN).save_checkin("standalone", {"distress": 4}, note)


def test_a_backup_restores_what_was_there_when_it_was_made(db: Database, tmp_path: Path) -> None:
    history = _history(db, tmp_path)
    _checkin(db)
    history.back_up(tmp_path / "backup.sqlite3")
    _checkin(db)
    assert history.counts().checkins == 2
    history.restore(tmp_path / "backup.sqlite3")
    assert history.counts().checkins == 1
    assert history.first_record_day() == WHEN.date()


def test_delete_all_removes_the_rows_the_packs_and_the_speech_cache(
    db: Database, tmp_path: Path
) -> None:
    (tmp_path / "packs" / "a-pack").mkdir(parents=True)
    (tmp_path / "packs" / "a-pack" / "pack.toml").write_text("x", encoding="utf-8")
    (tmp_path / "cache" / "speech").mkdir(parents=True)
    (tmp_path / "cache" / "keep.txt").write_text("not ours to delete", encoding="utf-8")
    _checkin(db)
    assert _history(db, tmp_path).delete_all() == []
    assert _history(db, tmp_path).counts().checkins == 0
    assert list((tmp_path / "packs").iterdir()) == []
    assert not (tmp_path / "cache" / "speech").exists()
    assert (tmp_path / "cache" / "keep.txt").exists()


def test_delete_all_with_no_packs_folder_yet_removes_the_rows(db: Database, tmp_path: Path) -> None:
    _checkin(db)
    assert _history(db, tmp_path).delete_all() == []
    assert _history(db, tmp_path).counts().checkins == 0


def test_exports_count_what_they_wrote(db: Database, tmp_path: Path) -> None:
    _checkin(db)
    history = _history(db, tmp_path)
    assert history.export_json(tmp_path / "out.json").checkins == 1
    (tmp_path / "csv").mkdir()
    assert history.export_csv(tmp_path / "csv").checkins == 1


def test_the_report_carries_notes_only_when_asked(db: Database) -> None:
    _checkin(db, "slept better")
    day = WHEN.date()
    assert gather_report(db, day, day).notes == ()
    (note,) = gather_report(db, day - timedelta(days=1), day, include_notes=True).notes
    assert note.text == "slept better"
    assert gather_report(db, date(2026, 1, 1), date(2026, 1, 2)).data.first == date(2026, 1, 1)
