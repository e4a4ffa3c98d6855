"""The end screen tells the truth about a run: completed only when mostly played, else partial."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep, RestStep, Session, SpeakStep
from pfrelax.core.transport import State
from pfrelax.ui.player.player_page import PlayerPage

COUNT_IN_S = 3.0

FIVE_MINUTES = Session(
    id="five",
    title="Five minutes",
    steps=(
        SpeakStep("Arrive", "Settle in.", seconds_ms=30_000),
        BreatheStep("Breathe", parse_shorthand("4-6"), cycles=24),
        RestStep("Rest", 30_000, "Rest."),
    ),
)


def start(player: PlayerPage, clock: FakeClock, qtbot: QtBot, played_s: float) -> None:
    player.load(FIVE_MINUTES)
    qtbot.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
    clock.advance(COUNT_IN_S + played_s)
    player.refresh()


def test_pressing_next_to_the_end_after_40_s_shows_a_kind_partial_end(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start(player, clock, qtbot, 40)
    for _ in range(3):
        if player.state is State.FINISHED:
            break
        qtbot.mouseClick(player.controls.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.pages.currentWidget() is player.end)
    assert player.end.message.text() == (
        "You practised 1 minute — that counts. Notice how you feel."
    )
    assert player.end.detail.text() == "Part of “Five minutes”"
    assert "5 min" not in player.end.detail.text()


def test_a_full_play_shows_session_complete_with_its_minutes(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start(player, clock, qtbot, 301)
    qtbot.waitUntil(lambda: player.pages.currentWidget() is player.end)
    assert player.end.message.text() == "Session complete. Notice how you feel."
    assert player.end.detail.text() == "5 minutes of “Five minutes”"
