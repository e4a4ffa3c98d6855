"""The PT report's extra sections: practice log by week, own questions' weekly medians, PGIC.

Reads the PDF back with pdftotext, like test_report.py.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pfrelax.core.own_questions import OwnQuestion
from pfrelax.core.practice_log import PracticeEntry
from pfrelax.services.report import gather_report
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database
from pfrelax.store.dilator import DilatorLogs
from pfrelax.store.own_questions import OwnQuestions
from pfrelax.store.runs import Runs
from pfrelax.ui.progress.report import write_report

ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 9, 19, 0, tzinfo=ZONE)  # week of 9 Nov
FIRST, LAST = date(2026, 11, 9), date(2026, 11, 22)
CONFIDENCE = OwnQuestion(
    "insertion_confidence",
    "How confident do you feel about insertion today?",
    "not at all",
    "completely",
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "home" / "pfrelax.sqlite3")
    yield database
    database.close()


def flowing_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    )
    # pdftotext keeps the fi and fl ligatures the PDF font draws.
    return " ".join(result.stdout.replace("ﬁ", "fi").replace("ﬂ", "fl").split())


def test_report_shows_practice_weeks_own_question_medians_and_global_change(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    logs, checkins = DilatorLogs(db), Checkins(db)
    OwnQuestions(db).remember([CONFIDENCE])
    Runs(db, lambda: MONDAY).start_run("dilator-practice", "Practice")
    # Week of 9 Nov: sizes 2, 2, 3; pain 4, 2, 3 (median 3); anxiety 5, 3 (median 4).
    for day, size, pain, anxiety in ((0, "2", 4, 5), (2, "2", 2, None), (4, "3", 3, 3)):
        logs.save(PracticeEntry(size, "half", 12, pain, anxiety), time=MONDAY + timedelta(day))
    calm = PracticeEntry("3", "comfortable", 15, note="Stayed calm")
    logs.save(calm, time=MONDAY + timedelta(days=8))
    for day, value in ((0, 3), (1, 4), (3, 6), (8, 7)):
        checkins.save_checkin(
            "standalone", {"insertion_confidence": value}, time=MONDAY + timedelta(days=day)
        )
    checkins.save_checkin("standalone", {"pgic": 2}, time=MONDAY + timedelta(days=10))
    target = tmp_path / "2026-11-22.pdf"
    write_report(gather_report(db, FIRST, LAST), target, generated=LAST)
    text = flowing_text(target)
    assert "Practice log (medians, 0–10)" in text
    assert "9 Nov – 15 Nov 2026 3 2, 3 3 4" in text
    assert "16 Nov – 22 Nov 2026 1 3 – –" in text
    assert "Your PT's questions (weekly medians)" in text
    assert "How confident do you feel about insertion today?" in text
    assert "9 Nov – 15 Nov 2026 4 3" in text  # median of 3, 4, 6
    assert "16 Nov – 22 Nov 2026 7 1" in text
    assert "19 Nov 2026 Much improved" in text
    assert "Stayed calm" not in text  # notes only when the person asks for them
    write_report(gather_report(db, FIRST, LAST, include_notes=True), target, generated=LAST)
    assert "What went well 17 Nov: Stayed calm" in flowing_text(target)


def test_a_report_without_practice_says_nothing_about_it(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    Runs(db, lambda: MONDAY).start_run("release", "Release")
    Checkins(db).save_checkin("standalone", {"distress": 3}, time=MONDAY)
    target = tmp_path / "report.pdf"
    write_report(gather_report(db, FIRST, LAST), target, generated=LAST)
    text = flowing_text(target).lower()
    for word in ("practice log", "global change", "dilator", "insertion"):
        assert word not in text
