"""A PT's own check-in question: a pack installs with it, it is asked, stored and reported.

Reads the report back with pdftotext, like test_report.py.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax.core.checkin import DEFAULT_MEASURES, Measure
from pfrelax.core.session import Session
from pfrelax.formats.pack_build import build_pack
from pfrelax.services.checkins import CheckinService
from pfrelax.services.report import gather_report
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database
from pfrelax.store.packs import InstalledPacks
from pfrelax.ui.checkin.checkin_dialog import CheckinDialog, open_checkin
from pfrelax.ui.progress.report import write_report
from tests.pack_service import install_pack, open_catalog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

EXAMPLE = Path(__file__).parents[2] / "examples" / "riverside-release"
PACK_ID = "riverside-pt.release-phase-1"
QUESTION = "How confident do you feel about insertion this week?"
ZONE = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 9, 20, 0, tzinfo=ZONE)


def BUILT_IN() -> tuple[Measure, ...]:  # reads as the constant it stands for
    return DEFAULT_MEASURES


def install_example(tmp_path: Path, *, per_session: bool = False) -> None:
    """The example pack (it asks its own question weekly); `per_session` names it in
    `measures` too, so sessions ask it before and after."""
    folder = tmp_path / "example"
    shutil.copytree(EXAMPLE, folder)
    if per_session:
        manifest = folder / "pack.toml"
        text = manifest.read_text("utf-8")
        old = 'measures = ["distress", "pelvic_tension", "mood", "pain"]'
        assert old in text
        new = old.replace('"pain"]', '"pain", "insertion_confidence"]')
        manifest.write_text(text.replace(old, new), "utf-8")
    install_pack(build_pack(folder, tmp_path / "example.pfpack"))


def answer_weekly(qtbot: QtBot, db: Database, when: datetime, value: str) -> CheckinDialog:
    dialog = open_checkin(None, CheckinService(db, BUILT_IN, now=lambda: when), "weekly")
    qtbot.addWidget(dialog)
    own = dialog.scales[1]
    qtbot.keyClick(own.slider, value)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return dialog


def flowing_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    )
    return " ".join(result.stdout.replace("ﬁ", "fi").replace("ﬂ", "fl").split())


def test_an_installed_packs_own_question_is_asked_weekly_and_reported_as_weekly_medians(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    install_example(tmp_path)
    first = answer_weekly(qtbot, db, MONDAY, "4")
    assert [s.measure.value for s in first.scales] == [
        "pain_with_penetration",
        "insertion_confidence",
    ]
    assert first.scales[1].question.text() == QUESTION
    answer_weekly(qtbot, db, MONDAY + timedelta(days=2), "6")
    answer_weekly(qtbot, db, MONDAY + timedelta(days=7), "8")
    target = tmp_path / "2026-11-22.pdf"
    write_report(
        gather_report(db, date(2026, 11, 9), date(2026, 11, 22)),
        target,
        generated=date(2026, 11, 22),
    )
    text = flowing_text(target)
    assert f"Your PT's questions (weekly medians) {QUESTION} Week Median (0–10) Ratings" in text
    assert "9 Nov – 15 Nov 2026 5 2 16 Nov – 22 Nov 2026 8 1" in text


def test_a_pack_session_asks_its_own_question_after_the_built_in_measures(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    install_example(tmp_path, per_session=True)
    session: Session = open_catalog().find(f"{PACK_ID}/before-dilator")
    asked = CheckinService(db, BUILT_IN).session_measures(session)
    assert asked is not None
    assert [m.value for m in asked] == [
        "distress",
        "pelvic_tension",
        "mood",
        "pain",
        "insertion_confidence",
    ]


def test_ratings_of_an_own_question_stay_readable_after_the_pack_is_removed(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    install_example(tmp_path)
    answer_weekly(qtbot, db, MONDAY, "3")
    InstalledPacks(db).remove(PACK_ID)
    assert Checkins(db).series("insertion_confidence", MONDAY, MONDAY + timedelta(1)).values == [3]
    target = tmp_path / "report.pdf"
    write_report(
        gather_report(db, date(2026, 11, 9), date(2026, 11, 15)),
        target,
        generated=date(2026, 11, 15),
    )
    assert QUESTION in flowing_text(target)


def test_an_own_question_is_charted_on_progress_by_its_wording(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    from pfrelax.services.progress import OWN, progress_services
    from pfrelax.ui.progress.progress_page import ProgressPage

    install_example(tmp_path)
    answer_weekly(qtbot, db, MONDAY, "4")
    answer_weekly(qtbot, db, MONDAY + timedelta(days=7), "7")
    page = ProgressPage(
        progress_services(db, measures=BUILT_IN, now=lambda: MONDAY + timedelta(days=8))
    )
    qtbot.addWidget(page)
    page.show()
    index = page.measure_box.findData(OWN + "insertion_confidence")
    assert page.measure_box.itemText(index) == QUESTION[:39] + "…"
    page.measure_box.setCurrentIndex(index)
    chart = page.extra_charts.chart
    assert chart is not None
    ((_, points),) = chart.drawn
    assert points.getData()[1].tolist() == [4.0, 7.0]
    assert page.summary.text() == "2 ratings in this range"
