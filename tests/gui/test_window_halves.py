"""The window in two halves: its frame paints first (name, navigation, menus, colours), and the
library page, the menus' actions and the parts around the pages come just after, once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from pfrelax.app import LIBRARY_PAGE, Composition
from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session
from pfrelax.launch import after_first_paint
from pfrelax.services.preferences import Preferences
from pfrelax.ui.common.lazy_page import LazyPage
from pfrelax.ui.privacy.discreet import DISCREET_NAME

from .conftest import no_output


def first_half(qtbot: QtBot, clock: FakeClock, sessions: list[Session]) -> Composition:
    """The window as `pfrelax` shows it for its first paint."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    composition = Composition(
        app,
        clock=clock,
        preferences=Preferences.read(),
        sessions=sessions,
        open_output=no_output,
        complete=False,
    )
    qtbot.addWidget(composition.window)
    return composition


def test_the_first_half_paints_the_frame_and_the_second_brings_the_library(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = first_half(qtbot, clock, sessions)
    window = composition.window
    window.show()
    qtbot.waitExposed(window)
    assert window.current_page_name() == LIBRARY_PAGE
    assert [menu.title() for menu in (window.file_menu, window.view_menu)] == ["&File", "&View"]
    assert window.file_menu.actions() == []  # its actions come with the second half
    slot = window.all_pages()[0]
    assert isinstance(slot, LazyPage)
    assert not slot.built  # shown, yet not built: it waits for the second half
    assert window.findChildren(QLineEdit) == []

    composition.complete()
    assert slot.built
    assert composition.library_page.isVisible()
    assert composition.library_page.visible_sessions() == sessions
    assert window.quit_action in window.file_menu.actions()
    # The window's keys work from now on: Ctrl+F finds, into the library's search field.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(composition.library_page.search.hasFocus)
    window.close()


def test_the_second_half_is_built_once(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = first_half(qtbot, clock, sessions)
    composition.complete()
    page, actions = composition.library_page, composition.window.actions()
    composition.complete()
    assert composition.library_page is page
    assert composition.window.actions() == actions  # no second Quit, Find, Hide now…
    composition.window.close()


def test_in_discreet_mode_the_first_paint_already_shows_the_other_name(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    Preferences.open().change(discreet_name=True)
    composition = first_half(qtbot, clock, sessions)
    assert composition.window.windowTitle() == DISCREET_NAME
    composition.window.close()


def test_after_the_first_paint_the_start_builds_the_second_half_then_goes_on(
    qtbot: QtBot, clock: FakeClock, home: Path
) -> None:
    composition = first_half(qtbot, clock, [])
    composition.preferences.change(disclaimer_seen=True)  # no first-run note: no modal box
    composition.window.show()
    qtbot.waitExposed(composition.window)
    after_first_paint(composition)
    assert composition.completed
    # Once the library page has painted: the scheme, the session files, the late parts.
    qtbot.waitUntil(lambda: composition.library is not None, timeout=20_000)
    qtbot.waitUntil(lambda: composition.late.studio_entry is not None, timeout=20_000)
    assert composition.library_page.visible_sessions()  # the built-in library, shown
    composition.window.close()
