"""Must show (issue 17): a pack made from nothing in the studio, by keyboard and clicks — two
sessions, one with a speak step and one with a dilator step, and the PT's own question — saved as
a `.pfpack`, accepted by `pfrelax pack validate`, installed, and shown on Today.

Two pieces of the issue's test belong to the studio-plan branch (the plan grid and the recorded
narration); they are marked "STUDIO-PLAN" below, with what the lead adds at merge. Nothing here
stands in for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.cli import main
from pfrelax.formats.pack import read_pack
from pfrelax.services.today import StoreTodaySource
from pfrelax.store.db import Database
from pfrelax.ui.common.theme import LIGHT
from pfrelax.ui.studio.studio_window import StudioWindow
from pfrelax.ui.today.today_page import NO_PLAN_TEXT, TodayPage

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


def make_the_pack(qtbot: QtBot, studio: StudioWindow, folder: Path) -> None:
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
    # STUDIO-PLAN (lead, at merge): record this narration from the fake capture source with
    # the speak step's Record button; assert the step's `audio` names the recording and its
    # length became the step's length.

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

    # STUDIO-PLAN (lead, at merge): a four-week plan in the plan grid — "Welcome and breathe"
    # daily in weeks 1–4, "Practice with the breath" on Mon/Wed/Fri in weeks 3–4 with sizes.


def test_a_pack_made_from_nothing_validates_installs_and_shows_on_today(
    qtbot: QtBot, studio: StudioWindow, tmp_path: Path, db: Database
) -> None:
    make_the_pack(qtbot, studio, tmp_path / "gentle-weeks")
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
    assert [(i.id, i.when) for i in pack.checkin_items] == [("insertion_confidence", ("weekly",))]
    assert main(["pack", "install", str(output)]) == 0

    today = TodayPage(
        StoreTodaySource(db), now=SetClock(datetime(2026, 12, 3, 9, tzinfo=ZONE)), tz=ZONE
    )
    today.set_palette(LIGHT)
    qtbot.addWidget(today)
    today.show()
    qtbot.waitExposed(today)
    shown = [label.text() for label in today.findChildren(QLabel) if label.isVisibleTo(today)]
    # STUDIO-PLAN (lead, at merge): with the plan made in the grid, replace the next line with
    #   assert "Gentle weeks" in shown and "From Sam Lee, PT" in shown
    #   assert "Welcome and breathe — 0 of 1 today" in shown (after Start the plan, week 1)
    assert NO_PLAN_TEXT in shown  # installed; Today has no plan to show without the grid
    assert [plan.title for plan in StoreTodaySource(db).plans()] == ["Gentle weeks"]
