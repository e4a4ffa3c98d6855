"""My sessions, by keyboard only: make a pattern, see it listed and play it, change it, copy a
built-in, delete and undo; a value out of bounds shows its reason and cannot be saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPropertyAnimation, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.app import LIBRARY_PAGE, PLAYER_PAGE, Composition
from pfrelax.core.clock import FakeClock
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.timeline import compile_session
from pfrelax.formats.session_file import load_session
from pfrelax.launch import open_catalog_file
from pfrelax.services.preferences import Preferences
from pfrelax.ui.library.pattern_editor import PatternEditor, SecondsField

from .conftest import no_output


@pytest.fixture
def composition(qtbot: QtBot, clock: FakeClock, home: Path) -> Composition:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    library = open_catalog_file()
    composition = Composition(
        app,
        clock=clock,
        preferences=Preferences.read(),
        sessions=library.sessions(),
        open_output=no_output,  # sound would keep its own time, not the fake clock's
    )
    composition.library = library
    qtbot.addWidget(composition.window)
    composition.window.show()
    qtbot.waitExposed(composition.window)
    composition.finish_startup()
    return composition


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key = Qt.Key.Key_Space) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key)


def type_seconds(qtbot: QtBot, field: SecondsField, text: str) -> None:
    field.spin.setFocus()
    qtbot.keyClick(field.spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.spin, text)


def open_editor(qtbot: QtBot, composition: Composition, button: QWidget) -> PatternEditor:
    press(qtbot, button)
    assert composition.late.my_sessions is not None
    editor = composition.late.my_sessions.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    return editor


def save(qtbot: QtBot, editor: PatternEditor) -> None:
    with qtbot.waitSignal(editor.finished):
        press(qtbot, editor.save_button())


def running_fades(widget: QWidget) -> list[QPropertyAnimation]:
    fades = widget.findChildren(QPropertyAnimation)
    return [fade for fade in fades if fade.state() == QPropertyAnimation.State.Running]


def mine(composition: Composition) -> list[Session]:
    return [s for s in composition.library_page.visible_sessions() if s.personal]


def test_make_list_play_change_copy_delete_and_undo(qtbot: QtBot, composition: Composition) -> None:
    page = composition.library_page
    editor = open_editor(qtbot, composition, page.new_button)
    editor.title.setFocus()
    qtbot.keyClick(editor.title, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.title, "Evening ease")
    type_seconds(qtbot, editor.fields["exhale"], "7.5")
    assert editor.rate.text() == "5.2 breaths a minute"
    save(qtbot, editor)

    made = mine(composition)
    assert [s.title for s in made] == ["Evening ease"]
    assert page.current_session() == made[0]
    file = paths.my_sessions_dir() / f"{made[0].id}.toml"
    assert load_session(file).title == "Evening ease"  # what `pfrelax validate` reads

    press(qtbot, page.list, Qt.Key.Key_Return)
    assert composition.window.current_page_name() == PLAYER_PAGE
    assert composition.player_page.session == made[0]

    composition.window.show_page(LIBRARY_PAGE)
    editor = open_editor(qtbot, composition, page.details.mine.edit)
    assert editor.fields["exhale"].ms == 7_500
    editor.minutes.setFocus()
    qtbot.keyClick(editor.minutes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.minutes, "3")
    save(qtbot, editor)
    changed = mine(composition)[0]
    assert changed.id == made[0].id
    assert abs(compile_session(changed).duration_ms - 180_000) <= 11_000  # whole breaths only

    page.search.setFocus()
    qtbot.keyClicks(page.search, "long exhale")
    built_in = page.current_session()
    assert built_in is not None
    assert not built_in.personal
    editor = open_editor(qtbot, composition, page.details.mine.copy)
    assert editor.title.text() == f"{built_in.title} (my copy)"
    save(qtbot, editor)
    qtbot.keyClick(page.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    assert sorted(s.title for s in mine(composition)) == [
        "Evening ease",
        f"{built_in.title} (my copy)",
    ]

    page.select(changed.id)
    press(qtbot, page.details.mine.delete)
    assert [s.title for s in mine(composition)] == [f"{built_in.title} (my copy)"]
    assert page.undo_bar.isVisible()
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(s.title for s in mine(composition)) == [
        "Evening ease",
        f"{built_in.title} (my copy)",
    ]
    assert not page.undo_bar.isVisible()
    # Qt fades the search field's clear button out over 160 ms: a person would see it finish.
    qtbot.waitUntil(lambda: not running_fades(page.search))


def test_an_out_of_bounds_value_shows_its_reason_and_cannot_be_saved(
    qtbot: QtBot, composition: Composition
) -> None:
    editor = open_editor(qtbot, composition, composition.library_page.new_button)
    assert not editor.fields["hold_out"].isVisible()  # holds stay off until turned on
    assert not editor.holds_note.isVisible()
    press(qtbot, editor.holds)
    assert editor.holds_note.isVisible()
    type_seconds(qtbot, editor.fields["hold_out"], "5")
    reason = editor.fields["hold_out"].reason
    assert reason.isVisible()
    assert reason.text() == "Holds over 4 s after the out-breath are for a PT's pack"
    assert not editor.save_button().isEnabled()
    type_seconds(qtbot, editor.fields["inhale"], "9")
    assert editor.fields["inhale"].reason.text() == "An in-breath over 8 s is for a PT's pack"
    type_seconds(qtbot, editor.fields["hold_out"], "4")
    type_seconds(qtbot, editor.fields["inhale"], "4")
    assert editor.save_button().isEnabled()
    save(qtbot, editor)
    session = mine(composition)[0]
    step = session.steps[0]
    assert isinstance(step, BreatheStep)
    assert step.pattern.hold_out_ms == 4_000
    assert session.safety  # the holds' safety note is shown before it starts
