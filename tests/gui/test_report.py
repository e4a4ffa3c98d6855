"""The PT report: a real PDF whose text carries the stored figures; the `pfrelax report` command.

Reads the PDFs back with poppler-utils (pdftotext, pdfinfo), a development dependency.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pfrelax.cli import main
from pfrelax.commands import report as report_command_module
from pfrelax.core.progress import AdherenceRow
from pfrelax.paths import database_path
from pfrelax.services.report import gather_report
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database
from pfrelax.store.runs import Runs
from pfrelax.ui.progress.report import write_report

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 9, 8, 0, tzinfo=ZONE)  # week of 9 Nov
FIRST, LAST = date(2026, 11, 9), date(2026, 11, 22)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    # `pfrelax report` bounds dates by today: pin it, so the suite passes on any date.
    monkeypatch.setattr(report_command_module, "local_today", lambda: date(2026, 11, 30))
    database = open_database(database_path())
    yield database
    database.close()


def practise(db: Database, start: datetime, minutes: int, before: int, after: int) -> None:
    clock = {"now": start}
    runs = Runs(db, now=lambda: clock["now"])
    run = runs.start_run("release", "Pelvic floor release")
    checkins = Checkins(db)
    checkins.save_checkin(
        "before", {"distress": before, "pelvic_tension": 7}, run_id=run, time=start
    )
    clock["now"] = start + timedelta(minutes=minutes)
    runs.finish_run(run, minutes * 60, completed=True)
    checkins.save_checkin(
        "after",
        {"distress": after, "pelvic_tension": 4},
        run_id=run,
        time=clock["now"],
        note="warm and heavy legs",
    )


def history(db: Database) -> None:
    """Week of 9 Nov: 3 sessions, 35 minutes; week of 16 Nov: 1 session, 12 minutes."""
    practise(db, MONDAY, 10, before=7, after=4)  # distress change −3
    practise(db, MONDAY + timedelta(days=2), 15, before=6, after=5)  # −1
    practise(db, MONDAY + timedelta(days=4), 10, before=8, after=6)  # −2
    practise(db, MONDAY + timedelta(days=8), 12, before=5, after=5)  # 0
    checkins = Checkins(db)
    checkins.save_checkin("weekly", {"pain_with_penetration": 6}, time=MONDAY + timedelta(days=5))
    checkins.save_checkin(
        "weekly", {"pain_with_penetration": None}, time=MONDAY + timedelta(days=12)
    )


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    )
    return result.stdout


def flowing_text(path: Path) -> str:
    """The PDF's text in reading order with all white space as single spaces (a table cell
    that wraps reads as one phrase)."""
    result = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(result.stdout.split())


def test_report_pdf_carries_the_stored_figures(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    history(db)
    target = tmp_path / "report.pdf"
    data = write_report(gather_report(db, FIRST, LAST, include_notes=False), target)
    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Practice report" in lines
    assert "9 Nov 2026 – 22 Nov 2026 · made" in text
    assert "4 sessions completed, 47 minutes practised." in lines
    # Distress: before 7, 6, 8, 5 -> median 6.5; after 4, 5, 6, 5 -> 5; change −3, −1, −2, 0.
    assert "Distress 4 6.5 5 −1.5" in lines
    assert "Pelvic ﬂoor tension (your rating) 4 7 4 −3" in lines  # pdftotext keeps the ﬂ ligature
    assert "9–15 Nov 3 0 35 6" in lines
    assert "16–22 Nov 1 0 12 not attempted" in lines
    assert "warm and heavy legs" not in text
    assert data.sessions == 4


def test_notes_appear_only_when_asked(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    history(db)
    target = tmp_path / "with-notes.pdf"
    write_report(gather_report(db, FIRST, LAST, include_notes=True), target)
    assert "warm and heavy legs" in pdf_text(target)


def test_adherence_rows_are_reported_per_week(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    history(db)

    def adherence(first: date, last: date) -> list[AdherenceRow]:
        assert (first, last) == (FIRST, LAST)
        return [AdherenceRow("Home programme", 1, date(2026, 11, 9), done=3, assigned=4)]

    target = tmp_path / "plan.pdf"
    write_report(gather_report(db, FIRST, LAST, adherence_provider=adherence), target)
    assert "Home programme, week 1 (9–15 Nov): 3 of 4" in flowing_text(target)


def test_letter_paper_is_offered(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    history(db)
    target = tmp_path / "letter.pdf"
    write_report(gather_report(db, FIRST, LAST), target, page_size="Letter")
    info = subprocess.run(["pdfinfo", str(target)], check=True, capture_output=True, text=True)
    assert "612 x 792 pts (letter)" in info.stdout
    pages = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert pages is not None
    assert int(pages.group(1)) <= 2


def test_report_command_writes_the_pdf(
    qtbot: QtBot, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history(db)
    target = tmp_path / "cli.pdf"
    code = main(["report", "--pdf", str(target), "--from", "2026-11-09", "--to", "2026-11-22"])
    assert code == 0
    out = capsys.readouterr().out
    assert f"(4 sessions completed, 47 minutes) to {target}" in out
    assert "not encrypted" in out
    assert "4 sessions completed, 47 minutes practised." in pdf_text(target)


def test_report_command_refuses_from_after_to(
    qtbot: QtBot, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["report", "--pdf", str(tmp_path / "x.pdf"), "--from", "2026-11-22", "--to", "2026-11-09"]
    )
    assert code == 1
    assert "--from 2026-11-22 is after --to 2026-11-09; swap them." in capsys.readouterr().err


def test_report_command_rejects_a_bad_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--pdf", str(tmp_path / "x.pdf"), "--from", "2026-13-01"])
    assert exit_info.value.code == 2
    assert "'2026-13-01' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err


def test_report_command_without_history_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "empty"))
    code = main(["report", "--pdf", str(tmp_path / "x.pdf")])
    assert code == 1
    assert "there is no history at" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_report_command_reports_an_unwritable_file(
    qtbot: QtBot, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history(db)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["report", "--pdf", str(blocker / "report.pdf")])
    assert code == 1
    assert capsys.readouterr().err.startswith("pfrelax report: ")
