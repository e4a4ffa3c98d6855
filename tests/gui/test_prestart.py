"""Before a session: the pre-start panel says what Start does, and keys typed for a check-in
that is not coming never stop the session."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session
from pfrelax.core.transport import State
from pfrelax.ui.common import texts
from pfrelax.ui.player.player_page import PlayerPage

from .conftest import calm_session


def without_checkin() -> Session:
    return dataclasses.replace(calm_session(), checkin=())


def ask_first(_session: Session, proceed: Callable[[], None]) -> None:
    proceed()  # stands in for the before check-in, saved at once


def test_a_session_with_a_check_in_says_it_asks_first(player: PlayerPage) -> None:
    player.playback.before_start = ask_first
    player.load(calm_session())
    assert player.pre_start.what_next.isVisible()
    assert player.pre_start.what_next.text() == texts.CHECKIN_FIRST


def test_a_session_without_a_check_in_says_so_before_it_starts(player: PlayerPage) -> None:
    player.playback.before_start = ask_first
    player.load(without_checkin())
    assert player.pre_start.what_next.isVisible()
    assert player.pre_start.what_next.text() == texts.NO_CHECKIN
    assert player.pre_start.start_button.hasFocus()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert isinstance(widget, QWidget)
    return widget


def test_check_in_keys_typed_into_the_player_never_stop_the_session(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    player.playback.before_start = ask_first
    player.load(without_checkin())
    qtbot.keyClick(player.pre_start.start_button, Qt.Key.Key_Return)
    clock.advance(4)
    player.refresh()
    assert player.state is State.PLAYING
    # What a person expecting "Before you begin" types: a rating, Tab, a rating, Tab, … Return.
    for key in (Qt.Key.Key_3, Qt.Key.Key_Tab, Qt.Key.Key_5, Qt.Key.Key_Tab, Qt.Key.Key_2):
        qtbot.keyClick(focused(), key)
    assert focused() is player.controls.stop_button
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert player.state is State.PLAYING
    stop = player.controls.stop_button
    assert not stop.isDefault()
    assert not stop.autoDefault()


def test_stop_still_stops_at_once_with_a_click_or_esc(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    player.load(without_checkin())
    player.start()
    clock.advance(4)
    with qtbot.waitSignal(player.session_stopped):
        qtbot.mouseClick(player.controls.stop_button, Qt.MouseButton.LeftButton)
    assert player.state is State.STOPPED
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isModal()]
