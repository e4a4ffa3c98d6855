"""The progress bar keeps its arrow keys while focused; elsewhere Left and Right change step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.transport import State
from pfrelax.ui.player.player_page import PlayerPage

from .test_player_page import position, start_and_play_to


def press_on(qtbot: QtBot, widget: QWidget, *keys: Qt.Key) -> None:
    """Tab to `widget`, then press each key there, as a keyboard user would."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    for key in keys:
        qtbot.keyClick(widget, key)


def test_arrow_keys_on_the_focused_progress_bar_seek_ten_seconds(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 9000)  # every-kind session: 23 s, steps at 0, 4 and 20 s
    player.pause()
    slider = player.controls.slider
    press_on(qtbot, slider, Qt.Key.Key_Right)
    assert position(player) == 19_000  # the next step would have been 20 s
    press_on(qtbot, slider, Qt.Key.Key_Left)
    assert position(player) == 9000  # one step back would have been 4 s
    assert player.state is State.PAUSED
    assert slider.hasFocus()


def test_left_and_right_elsewhere_still_change_step(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 9000)
    player.pause()
    press_on(qtbot, player.controls.play_button, Qt.Key.Key_Right)
    assert position(player) == 20_000
    press_on(qtbot, player.controls.play_button, Qt.Key.Key_Left)
    assert position(player) == 4000
