"""Must show (issue 17): a pack made from nothing in the studio, by keyboard and clicks — two
sessions, one with a speak step whose narration is recorded from a fake microphone and one with a
dilator step, a four-week plan made in the plan grid, and the PT's own question — saved as a
`.pfpack`, accepted by `pfrelax pack validate`, installed, and shown on Today."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pfrelax.cli import main
from pfrelax.formats.pack import read_pack
from pfrelax.services.narration import NarrationRecorder
from pfrelax.services.today import StoreTodaySource
from pfrelax.store.db import Database
from pfrelax.ui.common.theme import LIGHT
from pfrelax.ui.studio.plan_form import PlanForm
from pfrelax.ui.studio.studio_window import StudioWindow
from pfrelax.ui.today.today_page import TodayPage

from .gui_packs import SetClock

ZONE = ZoneInfo("Europe/Berlin")


@pytest.fixture
def studio(qtbot: QtBot, home: Path) -> Iterator[StudioWindow]:
    window = StudioWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # menu shortcuts (F5) reach an active window
    yield window
    window.changed = False


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def choose(qtbot: QtBot, box: QComboBox, value: str) -> None:
    box.setFocus()
    key = Qt.Key.Key_Down if box.findData(value) > box.currentIndex() else Qt.Key.Key_Up
    while box.currentData() != value:
        qtbot.keyClick(box, key)


def press(qtbot: QtBot, button: QWidget) -> None:
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def add_step(qtbot: QtBot, studio: StudioWindow, kind: str) -> None:
    sessions = studio.sessions
    choose(qtbot, sessions.new_step, kind)
    press(qtbot, sessions.add_step)


def answer_start_from(qtbot: QtBot, template: str) -> None:
    """In the "Add session" box that is about to open: type the template's name, press Enter."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        box = dialog.findChild(QComboBox)
        assert box is not None
        box.setCurrentIndex(box.findText(template))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def make_the_pack(
    qtbot: QtBot, studio: StudioWindow, folder: Path, microphone: NarrationRecorder
) -> None:
    studio.start_new(folder)  # what File → New pack… does once a folder is chosen
    details = studio.details.fields
    retype(qtbot, details["title"], "Gentle weeks")  # type: ignore[arg-type]
    retype(qtbot, details["author"], "Sam Lee, PT")  # type: ignore[arg-type]
    sessions = studio.sessions
    qtbot.keyClick(studio.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert studio.tabs.currentWidget() is sessions

    # The first session (the new pack's calm breathing) gets a spoken welcome first.
    retype(qtbot, sessions.fields["id"], "welcome-and-breathe")
    retype(qtbot, sessions.fields["title"], "Welcome and breathe")
    sessions.steps.setCurrentRow(0)
    add_step(qtbot, studio, "speak")
    sessions.steps.setFocus()
    qtbot.keyClick(sessions.steps, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    speak = sessions.step_form.speak_fields
    retype(qtbot, speak["title"], "Welcome")  # type: ignore[arg-type]
    speak["text"].setFocus()
    qtbot.keyClicks(speak["text"], "Find a comfortable place. There is nothing to get right.")
    retype(qtbot, speak["seconds"], "20")  # type: ignore[arg-type]
    record_the_narration(qtbot, studio, microphone)

    # The second session: a copy of a built-in, with a dilator practice added.
    answer_start_from(qtbot, "natural-breath-5")
    press(qtbot, sessions.add_session)
    assert sessions.sessions.count() == 2
    studio.activateWindow()  # the offscreen platform leaves no window active after a dialog
    qtbot.waitUntil(studio.isActiveWindow)
    retype(qtbot, sessions.fields["id"], "practice-with-the-breath")
    retype(qtbot, sessions.fields["title"], "Practice with the breath")
    add_step(qtbot, studio, "dilator")
    dilator = sessions.step_form.dilator
    retype(qtbot, dilator.fields["settle"], "90")  # type: ignore[arg-type]
    retype(qtbot, dilator.fields["stay"], "45")  # type: ignore[arg-type]
    assert dilator.notes.shown() == {}

    # The PT's own question, asked once a week.
    studio.tabs.setCurrentWidget(studio.checkin)
    checkin = studio.checkin
    press(qtbot, checkin.add)
    qtbot.keyClicks(checkin.fields["question"], "How confident do you feel about insertion?")
    retype(qtbot, checkin.fields["id"], "insertion_confidence")
    press(qtbot, checkin.around)  # not around every session …
    press(qtbot, checkin.weekly)  # … once a week

    # A four-week plan: the welcome daily in weeks 1–4, the practice on Mon/Wed/Fri in weeks 3–4.
    qtbot.keyClick(studio.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    plan = studio.plan
    assert studio.tabs.currentWidget() is plan
    plan_entry(qtbot, plan, "welcome-and-breathe", "1-4", days=range(7))
    plan_entry(qtbot, plan, "practice-with-the-breath", "3-4", days=(0, 2, 4))
    retype(qtbot, plan.entry_form.sizes, "2, 3")
    assert plan.length.text() == "A 4-week plan"
    assert [plan.entries.item(row).text() for row in range(plan.entries.count())] == [
        "Welcome and breathe — weeks 1–4, 1× a day",
        "Practice with the breath — weeks 3–4, 1× a day",
    ]
    plan.grid.setFocus()
    plan.grid.setCurrentCell(2, 0)  # week 3, Monday: both sessions
    monday, tuesday = plan.grid.item(2, 0), plan.grid.item(2, 1)
    assert monday is not None
    assert tuesday is not None
    assert monday.text() == "Welcome and breathe\nPractice with the breath"
    assert tuesday.text() == "Welcome and breathe"


def record_the_narration(qtbot: QtBot, studio: StudioWindow, microphone: NarrationRecorder) -> None:
    """Record the speak step's narration from the fake microphone, and use it."""
    panel = studio.sessions.step_form.narration
    panel.recorder = microphone
    press(qtbot, panel.record)
    assert panel.record.text() == "Stop"
    qtbot.keyClick(panel.record, Qt.Key.Key_Space)
    assert panel.record.text() == "Record again"
    with qtbot.waitSignal(studio.sessions.edited):
        press(qtbot, panel.use)
    speak = studio.sessions.step_form.speak_fields
    assert speak["audio"].text() == "audio/narration-1.opus"  # type: ignore[attr-defined]
    assert speak["seconds"].text() == ""  # type: ignore[attr-defined]  # it lasts as long as it


def plan_entry(qtbot: QtBot, plan: PlanForm, session: str, weeks: str, days: Iterable[int]) -> None:
    """Add a plan entry for `session` on `days` (0 = Monday) of `weeks`, by keyboard."""
    press(qtbot, plan.add_entry)
    entry = plan.entry_form
    choose(qtbot, entry.session, session)
    retype(qtbot, entry.weeks, weeks)
    wanted = set(days)
    for day, box in enumerate(entry.days):
        if box.isChecked() != (day in wanted):
            press(qtbot, box)
    assert [box.isChecked() for box in entry.days] == [day in wanted for day in range(7)]
    assert entry.problems.text() == ""


def test_a_pack_made_from_nothing_validates_installs_and_shows_on_today(
    qtbot: QtBot, studio: StudioWindow, tmp_path: Path, db: Database, microphone: NarrationRecorder
) -> None:
    make_the_pack(qtbot, studio, tmp_path / "gentle-weeks", microphone)
    qtbot.keyClick(QApplication.focusWidget() or studio, Qt.Key.Key_F5)
    assert studio.problems.item(0).text().startswith("No problems")
    output = tmp_path / "gentle-weeks.pfpack"
    assert studio.save_pack_to(output)  # what Save pack file… does once a name is chosen
    assert main(["pack", "validate", str(output)]) == 0
    pack = read_pack(output)
    assert {s.id for s in pack.sessions} == {"practice-with-the-breath", "welcome-and-breathe"}
    kinds = {s.id: [type(step).__name__ for step in s.steps] for s in pack.sessions}
    assert "SpeakStep" in kinds["welcome-and-breathe"]
    assert "DilatorStep" in kinds["practice-with-the-breath"]
    welcome = next(s for s in pack.sessions if s.id == "welcome-and-breathe").steps[0]
    assert welcome.audio == "audio/narration-1.opus"  # type: ignore[union-attr]
    assert welcome.seconds_ms is None  # type: ignore[union-attr]  # as long as the recording
    assert pack.audio_ms["audio/narration-1.opus"] > 1000
    assert [(e.session, e.weeks, e.days, e.sizes) for e in pack.plan] == [
        ("welcome-and-breathe", (1, 2, 3, 4), tuple(range(7)), ()),
        ("practice-with-the-breath", (3, 4), (0, 2, 4), ("2", "3")),
    ]
    assert [(i.id, i.when) for i in pack.checkin_items] == [("insertion_confidence", ("weekly",))]
    assert main(["pack", "install", str(output)]) == 0

    today = TodayPage(
        StoreTodaySource(db), now=SetClock(datetime(2026, 12, 3, 9, tzinfo=ZONE)), tz=ZONE
    )
    today.set_palette(LIGHT)
    qtbot.addWidget(today)
    today.show()
    qtbot.waitExposed(today)
    assert [plan.title for plan in StoreTodaySource(db).plans()] == ["Gentle weeks"]
    assert "Gentle weeks" in shown_on(today)
    assert "From Sam Lee, PT" in shown_on(today)
    buttons = [b for b in today.findChildren(QPushButton) if b.isVisibleTo(today)]
    starts = [button for button in buttons if button.text() == "Start this plan"]
    assert len(starts) == 1
    press(qtbot, starts[0])  # week 1 begins today, Thursday 3 December
    assert "Welcome and breathe — 0 of 1 today" in shown_on(today)
    assert not any("Practice with the breath" in line for line in shown_on(today))  # week 3


def shown_on(today: TodayPage) -> list[str]:
    return [label.text() for label in today.findChildren(QLabel) if label.isVisibleTo(today)]
