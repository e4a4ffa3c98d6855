"""A whole dilator practice by keyboard: the stay waits for Continue, Stop here ends it kindly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.timeline import Stage, compile_session
from pfrelax.core.transport import State
from pfrelax.ui.player.player_page import PlayerPage
from pfrelax.ui.player.stage_controls import CONTINUE_WORDS, STOPPED_WORDS, StageControls

from .practice_sessions import dilator_session

COUNT_IN_S = 3.0
BREATH_S = 10.0
STAY_ENDS_S = 60.0  # the stay's minimum: Continue is offered from here


def start_by_keyboard(player: PlayerPage, clock: FakeClock, qtbot: QtBot) -> None:
    player.load(dilator_session())
    qtbot.keyClick(player, Qt.Key.Key_Space)  # Space on the pre-start panel: Start
    qtbot.waitUntil(lambda: player.state is State.COUNT_IN)
    clock.advance(COUNT_IN_S)
    player.refresh()


def play_to(player: PlayerPage, clock: FakeClock, t_s: float) -> None:
    assert player.transport is not None
    clock.advance(t_s - player.transport.position_ms() / 1000)
    player.refresh()


def controls_of(player: PlayerPage) -> StageControls:
    return player.stage.stage_controls


def test_continue_after_three_extra_breaths_then_the_rest_follows_exactly(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    compiled = compile_session(dilator_session()).duration_ms
    start_by_keyboard(player, clock, qtbot)
    controls = controls_of(player)
    play_to(player, clock, 25.0)  # inserting
    assert controls.stop_button.isVisible()
    assert not controls.continue_button.isVisible()
    play_to(player, clock, STAY_ENDS_S - 0.5)  # the minimum stay, not yet over
    assert not controls.continue_button.isVisible()
    assert controls.hint.accessibleName() != CONTINUE_WORDS
    for extra in (1, 2, 3):  # the person keeps breathing: whole breaths are added
        play_to(player, clock, STAY_ENDS_S + extra * BREATH_S - 0.5)
        assert controls.continue_button.isVisible()
        assert controls.hint.isVisible()
        assert controls.hint.accessibleName() == CONTINUE_WORDS  # said once to a screen reader
        assert player.transport is not None
        assert player.transport.timeline.paced_stages[0].extra_cycles == extra
        assert player.state is State.PLAYING
    qtbot.keyClick(player, Qt.Key.Key_Return)
    assert not controls.continue_button.isVisible()
    transport = player.transport
    assert transport is not None
    timeline = transport.timeline
    assert timeline.duration_ms == compiled + 3 * 10_000
    remove = next(s for s in timeline.segments if s.stage is Stage.REMOVE)
    assert remove.start_ms == (STAY_ENDS_S + 3 * BREATH_S) * 1000
    assert player.controls.slider.maximum() == timeline.duration_ms
    play_to(player, clock, 91.0)  # removing, on the breath
    moment = transport.moment()
    assert moment.segment.stage is Stage.REMOVE
    assert player.stage.prompt.text() == "Remove slowly as you breathe in"
    with qtbot.waitSignal(player.session_finished):
        play_to(player, clock, timeline.duration_ms / 1000)
    assert player.pages.currentWidget() is player.end
    assert player.end.note.isHidden()  # done: nothing to excuse


def test_space_continues_while_the_stay_waits_and_pauses_otherwise(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_by_keyboard(player, clock, qtbot)
    play_to(player, clock, 40.0)
    qtbot.keyClick(player, Qt.Key.Key_Space)  # not offered yet: Space pauses as ever
    assert player.state is State.PAUSED
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.state is State.PLAYING
    play_to(player, clock, STAY_ENDS_S + 4.0)
    assert controls_of(player).waiting
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.state is State.PLAYING
    assert not controls_of(player).waiting
    assert player.transport is not None
    wait = player.transport.stage_wait()
    assert wait is not None
    assert wait.continued


def test_the_large_continue_button_continues(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_by_keyboard(player, clock, qtbot)
    play_to(player, clock, STAY_ENDS_S + 1.0)
    qtbot.mouseClick(controls_of(player).continue_button, Qt.MouseButton.LeftButton)
    assert player.transport is not None
    assert player.transport.timeline.paced_stages[0].extra_cycles == 1
    assert not controls_of(player).waiting


def test_a_paused_stay_offers_no_continue(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_by_keyboard(player, clock, qtbot)
    play_to(player, clock, STAY_ENDS_S + 1.0)
    player.pause()
    assert not controls_of(player).waiting
    qtbot.keyClick(player, Qt.Key.Key_Space)  # resumes
    assert player.state is State.PLAYING
    assert controls_of(player).waiting


def test_stop_here_ends_kindly_and_counts(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_by_keyboard(player, clock, qtbot)
    play_to(player, clock, 35.0)
    with qtbot.waitSignal(player.session_stopped):
        qtbot.mouseClick(controls_of(player).stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not player.fading)
    assert player.pages.currentWidget() is player.end
    assert player.end.note.isVisible()
    assert player.end.note.text() == STOPPED_WORDS
    assert "counts" in player.end.message.text()


def test_stop_here_is_there_only_during_the_dilator_step(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_by_keyboard(player, clock, qtbot)
    play_to(player, clock, 5.0)
    assert controls_of(player).stop_button.isVisible()
    play_to(player, clock, 62.0)
    qtbot.keyClick(player, Qt.Key.Key_Enter)  # Enter on the keypad continues too
    play_to(player, clock, 82.0)  # the extra breath 60–70 s, removing 70–80 s, then the rest
    assert player.stage.phase.text() == "Rest"
    assert not controls_of(player).stop_button.isVisible()
