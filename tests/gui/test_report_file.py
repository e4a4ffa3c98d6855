"""The PT report's file: written whole or not at all, owner-only, with plain words on failure;
and the range `pfrelax report` accepts (issue 10 item 6, issue 9 item 8)."""

from __future__ import annotations

import argparse
import errno
import stat
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from pfrelax.cli import main
from pfrelax.commands import report as report_command_module
from pfrelax.commands.report import report_command
from pfrelax.core.report_range import default_first_day, range_problem
from pfrelax.paths import database_path
from pfrelax.services.history_data import HistoryData
from pfrelax.services.report import gather_report
from pfrelax.store.db import Database, open_database
from pfrelax.store.runs import Runs
from pfrelax.ui.progress import report_file
from pfrelax.ui.progress.report import write_report
from pfrelax.ui.progress.report_file import ReportFileError
from pfrelax.ui.settings.data_actions import ReportDialog

ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 30)
OLD_REPORT = b"%PDF-1.4 the report the PT already has\n"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(report_command_module, "local_today", lambda: TODAY)
    database = open_database(database_path())
    at = datetime(2026, 11, 27, 8, tzinfo=ZONE)
    runs = Runs(database, now=lambda: at)
    runs.finish_run(runs.start_run("calm", "Calm", length_seconds=300), 300, completed=True)
    yield database
    database.close()


def full_disk(_handle: int, _data: bytes) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_full_disk_leaves_the_existing_report_intact_and_says_so(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "report.pdf"
    target.parent.mkdir()
    target.write_bytes(OLD_REPORT)
    with pytest.raises(ReportFileError) as raised:
        write_report(gather_report(db, TODAY - timedelta(days=6), TODAY), target, write=full_disk)
    assert str(raised.value) == (
        "the disk is full, so the report was not written. report.pdf was left as it was. "
        "Free some space, or choose a folder on another disk."
    )
    assert target.read_bytes() == OLD_REPORT
    assert leftovers(target.parent) == []  # no temp file left behind


def test_a_disk_that_fills_halfway_through_writes_nothing(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    taken: list[int] = []

    def fills_after_a_block(handle: int, data: bytes) -> int:
        if taken:
            raise OSError(errno.ENOSPC, "No space left on device")
        taken.append(report_file.system_write(handle, data[:4096]))
        return taken[0]

    target = tmp_path / "report.pdf"
    with pytest.raises(ReportFileError, match="the disk is full"):
        write_report(
            gather_report(db, TODAY - timedelta(days=6), TODAY), target, write=fills_after_a_block
        )
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_the_report_is_owner_only_and_replaces_the_old_one_whole(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD_REPORT)
    target.chmod(0o644)
    write_report(gather_report(db, TODAY - timedelta(days=6), TODAY), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert target.read_bytes() != OLD_REPORT
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_the_command_on_a_full_disk_exits_1_with_a_clear_message(
    qtbot: QtBot,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD_REPORT)
    monkeypatch.setattr(report_file, "system_write", full_disk)
    code = main(["report", "--pdf", str(target), "--from", "2026-11-27", "--to", "2026-11-30"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err == (
        f"pfrelax report: could not write {target}: the disk is full, so the report was not "
        "written. report.pdf was left as it was. Free some space, or choose a folder on "
        "another disk.\n"
    )
    assert "Wrote" not in captured.out
    assert target.read_bytes() == OLD_REPORT


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--to", "9999-12-31"],
            "--to 9999-12-31 has not happened yet; give a date up to 2026-12-01, e.g. "
            "2026-11-30, or leave --to out to end today.",
        ),
        (
            ["--from", "1000-01-01", "--to", "9000-01-01"],
            "--from 1000-01-01 is before 1970; give a date from 1970-01-01 on, e.g. 2026-11-30.",
        ),
        (
            ["--from", "2001-01-01", "--to", "2026-11-30"],
            "--from 2001-01-01 to --to 2026-11-30 is more than 5 years; one report covers at "
            "most 5 years. Give --from 2021-12-01 or later.",
        ),
        (
            ["--from", "2026-12-20"],
            "--from 2026-12-20 has not happened yet; give a date up to 2026-12-01, e.g. "
            "2026-11-30.",
        ),
    ],
)
def test_extreme_dates_get_a_message_that_says_what_to_type(
    arguments: list[str], message: str
) -> None:
    first = date.fromisoformat(arguments[1]) if arguments[0] == "--from" else None
    last = date.fromisoformat(arguments[-1]) if "--to" in arguments else None
    assert range_problem(first, last, TODAY) == message


def test_the_command_refuses_an_extreme_date_before_touching_the_file(
    qtbot: QtBot, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD_REPORT)
    code = main(["report", "--pdf", str(target), "--from", "1000-01-01", "--to", "9000-01-01"])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("pfrelax report: --from 1000-01-01 is before 1970; give a date from")
    assert "Traceback" not in err
    assert target.read_bytes() == OLD_REPORT


def test_the_default_range_starts_at_the_first_record_not_twelve_weeks_back() -> None:
    assert default_first_day(TODAY, date(2026, 11, 27)) == date(2026, 11, 27)
    assert default_first_day(TODAY, date(2025, 1, 1)) == date(2026, 9, 8)  # 12 weeks at most
    assert default_first_day(TODAY, None) == date(2026, 9, 8)


def test_a_new_users_report_starts_at_their_first_session(
    qtbot: QtBot, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.pdf"
    args = argparse.Namespace(
        pdf=target, date_from=None, date_to=None, include_notes=False, paper="A4"
    )
    assert report_command(args, today=TODAY) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        f"Wrote the report for 2026-11-27 to 2026-11-30 (1 session completed, 5 minutes) "
        f"to {target}."
    )


def test_the_apps_report_dialog_starts_at_the_first_record_and_offers_only_sane_dates(
    qtbot: QtBot, db: Database
) -> None:
    dialog = ReportDialog(HistoryData(db), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.date_from.date() == QDate(2026, 11, 27)
    assert dialog.date_to.date() == QDate(2026, 11, 30)
    assert dialog.date_to.maximumDate() == QDate(2026, 12, 1)
    assert dialog.date_from.minimumDate() == QDate(1970, 1, 1)


@pytest.mark.parametrize("where", ["", "folder"])
def test_a_folder_for_the_pdf_is_refused_in_words(
    qtbot: QtBot,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    code = main(["report", "--pdf", where])
    err = capsys.readouterr().err
    assert code == 1
    shown = Path(where)  # argparse hands over a Path: "" arrives as "."
    assert err == (
        f"pfrelax report: --pdf {shown}: is a folder; give the file to write, like "
        "--pdf report.pdf\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "home"]
    assert list((tmp_path / "folder").iterdir()) == []
