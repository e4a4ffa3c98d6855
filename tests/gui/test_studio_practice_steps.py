"""The studio's pelvic floor and dilator step forms, typed into like a PT would: each value is
checked by the validator itself and its message shows under the field."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QScrollBar, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.ui.studio.studio_window import StudioWindow

from .studio_helpers import EXAMPLE, open_example, shown_studio

LET_GO = "sessions/find-the-let-go.toml"
DILATOR = "sessions/practice-with-the-breath.toml"


@pytest.fixture
def studio(qtbot: QtBot, home: Path, tmp_path: Path) -> StudioWindow:
    return open_example(shown_studio(qtbot), tmp_path)


def choose(studio: StudioWindow, session: str, step: int) -> None:
    names = [s.name for s in studio.source.sessions]  # type: ignore[union-attr]
    studio.tabs.setCurrentWidget(studio.sessions)
    studio.sessions.sessions.setCurrentRow(names.index(session))
    studio.sessions.steps.setCurrentRow(step)


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Delete)


def pick(qtbot: QtBot, box: QComboBox, value: str) -> None:
    """Choose `value` by keyboard: focus the box, then arrow keys until it shows."""
    box.setFocus()
    step = Qt.Key.Key_Down if box.findData(value) > box.currentIndex() else Qt.Key.Key_Up
    while box.currentData() != value:
        qtbot.keyClick(box, step)


def validator_message(studio: StudioWindow, key: str) -> str:
    return next(p.message for p in studio.run_check() if p.key == key)


def test_a_release_shorter_than_twice_the_contraction_shows_the_validators_message(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    choose(studio, LET_GO, 2)
    form = studio.sessions.step_form
    page = form.pelvic_floor
    assert form.pages.currentWidget() is page
    assert page.notes.shown() == {}
    retype(qtbot, page.fields["release"], "5")  # type: ignore[arg-type]
    shown = page.notes.shown()["release"]
    assert "shorter than twice the contraction (3 s)" in shown
    assert "Problem:" in page.fields["release"].accessibleDescription()
    assert shown == validator_message(studio, "step[2].release")
    retype(qtbot, page.fields["release"], "6")  # type: ignore[arg-type]
    assert "release" not in page.notes.shown()


def test_out_of_bounds_reps_and_effort_show_the_bound(qtbot: QtBot, studio: StudioWindow) -> None:
    choose(studio, LET_GO, 2)
    page = studio.sessions.step_form.pelvic_floor
    retype(qtbot, page.fields["reps"], "25")  # type: ignore[arg-type]
    retype(qtbot, page.fields["effort"], "80")  # type: ignore[arg-type]
    shown = page.notes.shown()
    assert shown["reps"] == validator_message(studio, "step[2].reps")
    assert shown["effort"] == validator_message(studio, "step[2].effort")


def test_switching_to_release_only_drops_the_contraction_and_back_restores_defaults(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    choose(studio, LET_GO, 2)
    page = studio.sessions.step_form.pelvic_floor
    table = studio.sessions._steps()[2]  # type: ignore[index]
    pick(qtbot, page.fields["kind"], "release")  # type: ignore[arg-type]
    qtbot.keyClick(page.fields["kind"], Qt.Key.Key_Return)
    assert "effort" not in table
    assert "contract" not in table
    assert not page.fields["effort"].isVisibleTo(page)
    assert studio.run_check() == []
    pick(qtbot, page.fields["kind"], "contract_release")  # type: ignore[arg-type]
    assert (table["effort"], table["contract"]) == (30, 3)
    assert page.fields["effort"].isVisibleTo(page)
    assert page.safety.isVisibleTo(page)


def test_a_contraction_needs_the_sessions_safety_note_shown_beside_it(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    choose(studio, LET_GO, 2)
    page = studio.sessions.step_form.pelvic_floor
    page.safety.setFocus()
    qtbot.keyClick(page.safety, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.safety, Qt.Key.Key_Delete)
    assert "safety" not in studio.sessions.current().document  # type: ignore[union-attr]
    assert page.notes.shown()["safety"] == validator_message(studio, "safety")
    choose(studio, LET_GO, 2)
    page.safety.setFocus()
    qtbot.keyClicks(page.safety, "Only a gentle draw-up.")
    assert "safety" not in page.notes.shown()


def test_dilator_bounds_show_beside_their_fields_and_exhale_is_a_pt_choice(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    choose(studio, DILATOR, 1)
    form = studio.sessions.step_form
    page = form.dilator
    assert form.pages.currentWidget() is page
    retype(qtbot, page.fields["stay"], "700")  # type: ignore[arg-type]
    assert page.notes.shown()["stay"] == validator_message(studio, "step[1].stay")
    retype(qtbot, page.fields["stay"], "60")  # type: ignore[arg-type]
    retype(qtbot, page.fields["insert_breaths"], "12")  # type: ignore[arg-type]
    assert page.notes.shown()["insert_breaths"] == validator_message(
        studio, "step[1].insert_breaths"
    )
    retype(qtbot, page.fields["insert_breaths"], "3")  # type: ignore[arg-type]
    pick(qtbot, page.fields["insert_on"], "exhale")  # type: ignore[arg-type]
    assert page.notes.shown() == {}  # allowed in a PT's pack
    page.log.setFocus()
    qtbot.keyClick(page.log, Qt.Key.Key_Space)
    assert studio.sessions._steps()[1]["log"] is False  # type: ignore[index]
    assert studio.run_check() == []


def test_changing_one_dilator_value_changes_one_line_and_keeps_the_rest(
    qtbot: QtBot, studio: StudioWindow, tmp_path: Path
) -> None:
    choose(studio, DILATOR, 1)
    page = studio.sessions.step_form.dilator
    retype(qtbot, page.fields["remove_breaths"], "5")  # type: ignore[arg-type]
    assert studio.save_folder_to(tmp_path / "riverside")
    before = (EXAMPLE / DILATOR).read_text(encoding="utf-8").splitlines()
    after = (tmp_path / "riverside" / DILATOR).read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == ["-remove_breaths = 3", "+remove_breaths = 5"]


def test_new_pelvic_floor_and_dilator_steps_are_valid_at_once(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    choose(studio, DILATOR, 0)
    sessions = studio.sessions
    for kind, page in (("pelvic_floor", "pelvic_floor"), ("dilator", "dilator")):
        sessions.new_step.setCurrentIndex(sessions.new_step.findData(kind))
        sessions.add_step.setFocus()
        qtbot.keyClick(sessions.add_step, Qt.Key.Key_Space)
        assert sessions.step_form.pages.currentWidget() is getattr(sessions.step_form, page)
    assert sessions.steps.item(1).text() == "Pelvic floor"
    assert sessions.steps.item(2).text() == "Dilator"
    assert studio.run_check() == []


def test_a_prompt_typed_and_emptied_leaves_no_empty_table(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    choose(studio, LET_GO, 3)
    page = studio.sessions.step_form.pelvic_floor
    table = studio.sessions._steps()[3]  # type: ignore[index]
    retype(qtbot, page.prompts["release"], "Let it all go")
    assert table["prompts"]["release"] == "Let it all go"
    retype(qtbot, page.prompts["release"], "")
    assert "prompts" not in table


def test_the_studio_fits_a_200_percent_screen_on_every_tab_and_step(studio: StudioWindow) -> None:
    """1280×800 at 200 % is 640×400 logical pixels; long forms scroll instead of widening."""
    sessions = studio.sessions
    for tab in range(studio.tabs.count()):
        studio.tabs.setCurrentIndex(tab)
        for row in range(sessions.sessions.count()):
            sessions.sessions.setCurrentRow(row)
            for step in range(sessions.steps.count()):
                sessions.steps.setCurrentRow(step)
                fits_200_percent(studio, (tab, row, step))
    studio.tabs.setCurrentWidget(studio.checkin)
    for item in range(studio.checkin.items.count()):
        studio.checkin.items.setCurrentRow(item)
        fits_200_percent(studio, ("check-ins", item))
    studio.tabs.setCurrentWidget(studio.plan)
    assert studio.plan.entries.count() > 0
    for entry in range(studio.plan.entries.count()):
        studio.plan.entries.setCurrentRow(entry)
        fits_200_percent(studio, ("plan", entry))


def fits_200_percent(studio: StudioWindow, where: tuple[object, ...]) -> None:
    need = studio.minimumSizeHint()
    assert need.width() <= 640, (where, need)
    assert need.height() <= 400, (where, need)


def test_every_control_a_keyboard_reaches_has_an_accessible_name(studio: StudioWindow) -> None:
    sessions = studio.sessions
    unnamed: set[str] = set()
    for tab in range(studio.tabs.count()):
        studio.tabs.setCurrentIndex(tab)
        for row in range(sessions.sessions.count()):
            sessions.sessions.setCurrentRow(row)
            for step in range(sessions.steps.count()):
                sessions.steps.setCurrentRow(step)
                for widget in studio.findChildren(QWidget):
                    reachable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                    named_by_parts = isinstance(widget, QTabBar | QScrollBar)
                    shown = widget.isVisibleTo(studio) and not named_by_parts
                    if reachable and shown and not widget.accessibleName():
                        unnamed.add(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == set()


def test_tab_walks_the_pelvic_floor_form_in_order(qtbot: QtBot, studio: StudioWindow) -> None:
    choose(studio, LET_GO, 2)
    page = studio.sessions.step_form.pelvic_floor
    page.fields["title"].setFocus()
    walked = [QApplication.focusWidget()]
    for _ in range(10):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    names = [widget.accessibleName() for widget in walked if widget is not None]
    assert names == [
        "Title",
        "Kind",
        "Reps",
        "Effort %",
        "Contract (s)",
        "Release (s)",
        "Rest (s)",
        "Contract words",
        "Release words",
        "Rest words",
        "Cues",
    ]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.safety
