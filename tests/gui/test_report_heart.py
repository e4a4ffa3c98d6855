"""The PT report's heart section: weekly medians with corrected beats, and the pace finder."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from pytestqt.qtbot import QtBot

from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import CRITERIA, EpochScore, FinderResult
from pfrelax.services.heart_history import HeartHistory
from pfrelax.services.report import gather_report
from pfrelax.store.db import Database
from pfrelax.store.runs import Runs
from pfrelax.ui.progress.report import write_report

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 9, 19, 0, tzinfo=ZONE)
FIRST, LAST = date(2026, 11, 9), date(2026, 11, 22)
PACES = tuple(EpochScore(bpm, 6.0, 900.0, 10.0, 24, 0) for bpm in (6.5, 6.0, 5.5, 5.0, 4.5))


def flowing_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    )
    # The PDF's font joins "fi" into one glyph; a reader sees the letters.
    return " ".join(result.stdout.replace("\ufb01", "fi").split())


def practise(db: Database, start: datetime, figures: RunFigures | None) -> int:
    run_id = Runs(db, lambda: start).start_run("slow-6", "Slow breathing", length_seconds=600)
    if figures is not None:
        HeartHistory(db).record_run_figures(run_id, figures)
    return run_id


def test_the_report_carries_the_heart_figures_and_the_pace_found(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    practise(db, MONDAY, RunFigures(600, 2, 70.0, 30.0, 6.0, 1000.0))
    practise(db, MONDAY + timedelta(days=1), RunFigures(640, 0, 66.0, 40.0, 8.0, 1500.0))
    practise(db, MONDAY + timedelta(days=2), RunFigures(620, 1, 68.0, None, 7.5, None))
    practise(db, MONDAY + timedelta(days=7), RunFigures(2000, 12, 64.0, 45.0, 9.0, 2200.0))
    practise(db, MONDAY + timedelta(days=8), None)  # no strap: not in the section
    practise(db, MONDAY - timedelta(days=7), RunFigures(600, 9, 90.0, 10.0, 2.0, 50.0))  # before
    finder = practise(db, MONDAY + timedelta(days=3), None)
    history = HeartHistory(db, now=lambda: MONDAY + timedelta(days=3, minutes=15))
    history.record_finder_result(FinderResult(PACES, dict.fromkeys(CRITERIA, 5.5), 5.5, 3), finder)
    history = HeartHistory(db, now=lambda: MONDAY + timedelta(days=10))
    history.record_finder_result(FinderResult(PACES, dict.fromkeys(CRITERIA), None, 0))
    target = tmp_path / "report.pdf"
    write_report(gather_report(db, FIRST, LAST), target, generated=LAST)
    text = flowing_text(target)
    assert "Heart figures (weekly medians)" in text
    # Week of 9 Nov: mean HR 70, 66, 68 -> 68; RMSSD 30, 40 -> 35; peak-to-trough 6, 8, 7.5 -> 7.5;
    # LF 1000, 1500 -> 1,250; 3 of 1,860 beats corrected.
    assert "9–15 Nov 3 68 35 7.5 1,250 3 of 1,860" in text
    assert "16–22 Nov 1 64 45 9 2,200 12 of 2,000" in text
    assert "The person's own numbers from a heart rate strap" in text
    assert "Finding their pace" in text
    assert "12 Nov 2026 5.5 breaths a minute 3" in text
    assert "19 Nov 2026 no clear pace this time 0" in text
    assert "90" not in text.split("Heart figures")[1].split("Finding")[0]


def test_a_report_without_heart_figures_says_nothing_of_them(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    practise(db, MONDAY, None)
    target = tmp_path / "report.pdf"
    write_report(gather_report(db, FIRST, LAST), target, generated=LAST)
    text = flowing_text(target)
    assert "Heart" not in text
    assert "pace" not in text
