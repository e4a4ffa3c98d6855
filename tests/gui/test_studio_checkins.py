"""The studio's check-in tab and the Check tab's jump to the exact field, typed into like a PT."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pfrelax.formats.pack import read_pack
from pfrelax.ui.studio.studio_window import StudioWindow

from .studio_helpers import EXAMPLE, open_example, shown_studio


@pytest.fixture
def studio(qtbot: QtBot, home: Path, tmp_path: Path) -> StudioWindow:
    window = open_example(shown_studio(qtbot), tmp_path)
    window.tabs.setCurrentWidget(window.checkin)
    return window


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_the_packs_measures_and_questions_show_as_written(studio: StudioWindow) -> None:
    form = studio.checkin
    assert form.measures[("measures", "pain")].isChecked()
    assert not form.measures[("measures", "body_tension")].isChecked()
    assert form.measures[("weekly", "pain_with_penetration")].isChecked()
    assert form.items.count() == 1
    assert form.fields["id"].text() == "insertion_confidence"
    assert form.weekly.isChecked()
    assert not form.around.isChecked()
    assert not studio.changed


def test_a_question_added_edited_and_reordered_by_keyboard_round_trips(
    qtbot: QtBot, studio: StudioWindow, tmp_path: Path
) -> None:
    form = studio.checkin
    form.add.setFocus()
    qtbot.keyClick(form.add, Qt.Key.Key_Space)
    assert form.items.count() == 2
    assert QApplication.focusWidget() is form.fields["question"]
    qtbot.keyClicks(form.fields["question"], "How well did you sleep?")
    retype(qtbot, form.fields["id"], "sleep")
    retype(qtbot, form.fields["low"], "badly")
    retype(qtbot, form.fields["high"], "very well")
    form.weekly.setFocus()
    qtbot.keyClick(form.weekly, Qt.Key.Key_Space)
    form.items.setFocus()
    qtbot.keyClick(form.items, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert form.items.item(0).text() == "How well did you sleep?"
    body = form.measures[("measures", "body_tension")]
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Space)
    assert studio.changed
    assert studio.run_check() == []
    assert studio.save_folder_to(tmp_path / "riverside")
    pack = read_pack(tmp_path / "riverside")
    assert [item.id for item in pack.checkin_items] == ["sleep", "insertion_confidence"]
    assert "body_tension" in pack.checkin_measures
    before = (EXAMPLE / "pack.toml").read_text(encoding="utf-8")
    after = (tmp_path / "riverside" / "pack.toml").read_text(encoding="utf-8")
    assert after.startswith(before[: before.index("[checkin]")])  # comments and plan kept
    assert changed_lines(before, after)[:4] == [
        '-measures = ["distress", "pelvic_tension", "mood", "pain"]',
        '-weekly = ["pain_with_penetration", "insertion_confidence"]',
        '+measures = ["distress", "pelvic_tension", "mood", "pain", "sleep", "body_tension"]',
        '+weekly = ["pain_with_penetration", "insertion_confidence", "sleep"]',
    ]


def test_a_removed_question_leaves_the_lists_that_asked_it(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    form = studio.checkin
    form.remove.setFocus()
    qtbot.keyClick(form.remove, Qt.Key.Key_Space)
    assert form.items.count() == 0
    document = studio.source.manifest.document  # type: ignore[union-attr]
    assert "item" not in document["checkin"]
    assert list(document["checkin"]["weekly"]) == ["pain_with_penetration"]
    assert studio.run_check() == []


def test_a_bad_question_id_shows_under_it_and_check_jumps_to_it(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    form = studio.checkin
    retype(qtbot, form.fields["id"], "Mood")
    shown = form.notes.shown()["id"]
    problem = next(p for p in studio.run_check() if p.key == "checkin.item[0].id")
    assert shown == problem.message
    assert studio.tabs.currentWidget() is studio.problems
    row = next(
        i for i in range(studio.problems.count()) if studio.problems.item(i).text() == str(problem)
    )
    studio.problems.setCurrentRow(row)
    qtbot.keyClick(studio.problems, Qt.Key.Key_Return)
    assert studio.tabs.currentWidget() is form
    assert QApplication.focusWidget() is form.fields["id"]


def test_check_jumps_to_the_exact_field_of_a_dilator_step(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    names = [s.name for s in studio.source.sessions]  # type: ignore[union-attr]
    sessions = studio.sessions
    studio.tabs.setCurrentWidget(sessions)
    sessions.sessions.setCurrentRow(names.index("sessions/practice-with-the-breath.toml"))
    sessions.steps.setCurrentRow(1)
    retype(qtbot, sessions.step_form.dilator.fields["move_breaths"], "30")  # type: ignore[arg-type]
    (problem,) = studio.run_check()
    assert problem.key == "step[1].move_breaths"
    sessions.sessions.setCurrentRow(0)
    qtbot.mouseClick(
        studio.problems.viewport(),
        Qt.MouseButton.LeftButton,
        pos=studio.problems.visualItemRect(studio.problems.item(0)).center(),
    )
    assert studio.tabs.currentWidget() is sessions
    assert sessions.steps.currentRow() == 1
    assert QApplication.focusWidget() is sessions.step_form.dilator.fields["move_breaths"]


def test_check_jumps_to_the_safety_note_a_contraction_needs(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    names = [s.name for s in studio.source.sessions]  # type: ignore[union-attr]
    let_go = studio.source.session_named("sessions/find-the-let-go.toml")  # type: ignore[union-attr]
    del let_go.document["safety"]
    studio.sessions.sessions.setCurrentRow(names.index(let_go.name))
    (problem,) = studio.run_check()
    assert problem.key == "safety"
    qtbot.keyClick(studio.problems, Qt.Key.Key_Return)
    assert studio.sessions.steps.currentRow() == 2
    assert QApplication.focusWidget() is studio.sessions.step_form.pelvic_floor.safety


def test_the_check_tab_checks_the_pack_when_first_opened(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    bar = studio.tabs.tabBar()
    check = studio.tabs.indexOf(studio.problems)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(check).center())
    assert studio.tabs.currentWidget() is studio.problems
    shown = [studio.problems.item(row).text() for row in range(studio.problems.count())]
    assert shown == ["No problems: this pack is ready to save and send."]  # not a blank page
