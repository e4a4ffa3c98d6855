"""The practice log after a dilator step: typed by keyboard, saved, and shown on Progress."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax.core.checkin import DEFAULT_MEASURES, Measure
from pfrelax.core.discretion import is_discreet
from pfrelax.core.practice_log import PracticeEntry
from pfrelax.services.checkins import CheckinService
from pfrelax.services.dilator_log import DilatorLog
from pfrelax.services.global_change import GlobalChange
from pfrelax.services.progress import GLOBAL, PRACTICE, progress_services
from pfrelax.services.report import gather_report
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database
from pfrelax.store.dilator import DilatorLogs
from pfrelax.store.runs import Runs
from pfrelax.ui.checkin.checkin_dialog import open_checkin
from pfrelax.ui.checkin.practice_log_dialog import (
    LogAfterPractice,
    PracticeLogDialog,
    ask_dilator_log,
)
from pfrelax.ui.progress.progress_page import CHANGE_AFTER_WEEKLY_TEXT, ProgressPage
from pfrelax.ui.progress.report import write_report

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

ZONE = timezone(timedelta(hours=2))
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=ZONE)


def BUILT_IN() -> tuple[Measure, ...]:  # reads as the constant it stands for
    return DEFAULT_MEASURES


class SizeSetting:
    """The settings file's size names, in memory: what app.py passes from Preferences."""

    def __init__(self, text: str = "") -> None:
        self.text = text

    def read(self) -> str:
        return self.text

    def write(self, text: str) -> None:
        self.text = text


def service(db: Database, sizes: SizeSetting) -> DilatorLog:
    return DilatorLog(db, sizes.read, sizes.write, now=lambda: NOW)


def test_first_log_asks_the_size_names_once_and_saves_what_was_typed(
    qtbot: QtBot, db: Database
) -> None:
    sizes = SizeSetting()
    run_id = Runs(db, lambda: NOW).start_run("dilator-practice", "Practice with the breath")
    dialog = ask_dilator_log(None, service(db, sizes), run_id=run_id, minutes=14)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "After practice"
    assert is_discreet(dialog.windowTitle())
    assert not dialog.save_button.isEnabled()  # size and how far come first
    qtbot.keyClicks(dialog.size_names, "1, 2, 3, 4")
    qtbot.keyClick(dialog.sizes, Qt.Key.Key_Down)  # "2"
    qtbot.keyClick(dialog.depth_buttons[1], Qt.Key.Key_Space)  # about half
    qtbot.keyClick(dialog.pain.slider, "3")
    qtbot.keyClick(dialog.anxiety.slider, "2")
    qtbot.keyClicks(dialog.note, "Breathed through it")
    with qtbot.waitSignal(dialog.logged) as saved:
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    logged = DilatorLogs(db).all()
    assert [log.log_id for log in logged] == saved.args
    assert logged[0].entry == PracticeEntry("2", "half", 14, 3, 2, "Breathed through it")
    assert logged[0].run_id == run_id
    assert sizes.text == "1, 2, 3, 4"
    again = PracticeLogDialog(service(db, sizes))
    qtbot.addWidget(again)
    assert not again.size_names.isVisibleTo(again)  # entered once: now a list to choose from
    assert [again.sizes.itemText(i) for i in range(again.sizes.count())] == ["1", "2", "3", "4"]


def test_skip_saves_nothing_not_even_the_size_names(qtbot: QtBot, db: Database) -> None:
    sizes = SizeSetting()
    dialog = PracticeLogDialog(service(db, sizes))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.size_names, "XS S M")
    dialog.depth_buttons[0].click()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert DilatorLogs(db).all() == []
    assert sizes.text == ""


def test_the_practice_log_and_global_change_are_charted_on_progress(
    qtbot: QtBot, db: Database
) -> None:
    logs = DilatorLogs(db)
    for day, (size, pain) in enumerate((("1", 5), ("2", 4), ("2", 2))):
        logs.save(PracticeEntry(size, "half", 10, pain, 3), time=NOW - timedelta(days=6 - day))
    Checkins(db).save_checkin("standalone", {"pgic": 3}, time=NOW - timedelta(days=1))
    Runs(db, lambda: NOW - timedelta(days=6)).start_run("dilator-practice", "Practice")
    page = ProgressPage(
        progress_services(
            db, measures=BUILT_IN, now=lambda: NOW, size_names=lambda: ("1", "2", "3")
        )
    )
    qtbot.addWidget(page)
    page.show()
    box = page.measure_box
    assert box.findData(PRACTICE) >= 0
    assert box.findData(GLOBAL) >= 0
    box.setCurrentIndex(box.findData(PRACTICE))
    chart = page.extra_charts.chart
    assert chart is not None
    size_points, pain_points, _ = (points for _, points in chart.drawn)
    assert size_points.getData()[1].tolist() == [1.0, 2.0, 2.0]
    assert pain_points.getData()[1].tolist() == [5.0, 4.0, 2.0]
    assert page.summary.text() == "3 practice logs in this range"
    box.setCurrentIndex(box.findData(GLOBAL))
    ((_, answers),) = chart.drawn
    assert np.array_equal(answers.getData()[1], [5.0])  # "minimally improved", drawn high


def test_global_change_is_asked_after_an_after_check_in_from_plan_week_4(
    qtbot: QtBot, db: Database
) -> None:
    began = NOW - timedelta(days=21)  # week 4 begins today
    run = Runs(db, lambda: began).start_run("release", "Release")
    Checkins(db).save_checkin("before", {"distress": 4}, run_id=run, time=began)
    # Answered yesterday, so the weekly question (asked first when due) stays away.
    Checkins(db).save_checkin("weekly", {"pain_with_penetration": None}, time=NOW - timedelta(1))
    dialog = open_checkin(None, CheckinService(db, BUILT_IN, now=lambda: NOW), "after", run_id=run)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.scales[0].slider, "3")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    change = dialog.change_dialog
    assert change is not None
    qtbot.addWidget(change)
    assert change.windowTitle() == "A question about change"
    assert is_discreet(change.windowTitle())
    qtbot.keyClick(change.answers[1], Qt.Key.Key_Space)  # much improved
    with qtbot.waitSignal(change.answered) as answered:
        qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    assert answered.args == [2]
    assert GlobalChange(db, lambda: NOW).due_week() is None  # asked once for week 4
    assert GlobalChange(db, lambda: NOW + timedelta(days=28)).due_week() == 8


def test_global_change_is_not_asked_before_week_4(qtbot: QtBot, db: Database) -> None:
    began = NOW - timedelta(days=20)
    run = Runs(db, lambda: began).start_run("release", "Release")
    Checkins(db).save_checkin("weekly", {"pain_with_penetration": None}, time=NOW - timedelta(1))
    dialog = open_checkin(None, CheckinService(db, BUILT_IN, now=lambda: NOW), "after", run_id=run)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.scales[0].slider, "3")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.weekly_dialog is None
    assert dialog.change_dialog is None


def test_progress_says_quietly_when_the_global_change_question_is_coming(
    qtbot: QtBot, db: Database
) -> None:
    began = NOW - timedelta(days=21)  # week 4 begins today
    Runs(db, lambda: began).start_run("release", "Release")
    clock = {"now": NOW - timedelta(days=1)}  # week 3 still
    page = ProgressPage(progress_services(db, measures=BUILT_IN, now=lambda: clock["now"]))
    qtbot.addWidget(page)
    page.show()
    assert not page.change_note.isVisible()
    clock["now"] = NOW
    page.refresh()
    # The weekly question is due too and is asked first: the note says the order.
    assert page.weekly_note.isVisible()
    assert page.change_note.isVisible()
    assert page.change_note.text() == CHANGE_AFTER_WEEKLY_TEXT
    Checkins(db).save_checkin("weekly", {"pain_with_penetration": None}, time=NOW)
    page.refresh()
    assert not page.weekly_note.isVisible()
    assert page.change_note.text() == (
        "At your next session you'll be asked how things have changed overall."
    )
    GlobalChange(db, lambda: NOW).save(3)
    page.refresh()
    assert not page.change_note.isVisible()


def test_a_log_typed_in_the_dialog_is_on_progress_and_in_the_report(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    sizes = SizeSetting("S, M, L")
    Runs(db, lambda: NOW).start_run("dilator-practice", "Practice with the breath")
    dialog = ask_dilator_log(None, service(db, sizes), minutes=12)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog.sizes, Qt.Key.Key_Down)  # M
    qtbot.keyClick(dialog.depth_buttons[2], Qt.Key.Key_Space)  # as far as comfortable
    qtbot.keyClick(dialog.pain.slider, "2")
    with qtbot.waitSignal(dialog.logged):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    page = ProgressPage(
        progress_services(
            db, measures=BUILT_IN, now=lambda: NOW, size_names=lambda: ("S", "M", "L")
        )
    )
    qtbot.addWidget(page)
    page.show()
    page.measure_box.setCurrentIndex(page.measure_box.findData(PRACTICE))
    chart = page.extra_charts.chart
    assert chart is not None
    assert [points.getData()[1].tolist() for _, points in chart.drawn] == [[2.0], [2.0], []]
    target = tmp_path / "report.pdf"
    write_report(gather_report(db, NOW.date(), NOW.date()), target, generated=NOW.date())
    text = subprocess.run(
        ["pdftotext", "-raw", str(target), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "23 Nov – 29 Nov 2026 1 M 2 –" in " ".join(text.split())


@dataclass(frozen=True)
class Practice:
    """What session_flow.DilatorPractice carries that the log needs."""

    run_id: int | None
    practised_ms: int


def test_the_player_hook_asks_the_log_and_then_carries_on_saved_or_skipped(
    qtbot: QtBot, db: Database
) -> None:
    run_id = Runs(db, lambda: NOW).start_run("dilator-practice", "Practice with the breath")
    carried_on: list[str] = []
    hook = LogAfterPractice(None, lambda: service(db, SizeSetting("1, 2")))
    hook(Practice(run_id, 14 * 60_000 + 20_000), lambda: carried_on.append("after check-in"))
    dialog = hook.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.minutes.value() == 14
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert carried_on == ["after check-in"]
    assert DilatorLogs(db).all() == []
    without_history = LogAfterPractice(None, lambda: None)
    without_history(Practice(None, 1000), lambda: carried_on.append("at once"))
    assert carried_on == ["after check-in", "at once"]


def test_size_names_can_be_changed_from_the_log(qtbot: QtBot, db: Database) -> None:
    sizes = SizeSetting("1, 2, 3")
    dialog = PracticeLogDialog(service(db, sizes))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.edit_sizes, Qt.MouseButton.LeftButton)
    assert dialog.size_names.isVisible()
    assert dialog.size_names.text() == "1, 2, 3"
    qtbot.keyClicks(dialog.size_names, ", 4")
    assert dialog.sizes.count() == 4
    dialog.sizes.setCurrentText("4")
    qtbot.keyClick(dialog.depth_buttons[0], Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.logged):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sizes.text == "1, 2, 3, 4"
    assert [log.entry.size for log in DilatorLogs(db).all()] == ["4"]
