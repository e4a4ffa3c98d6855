"""The player: count-in, painting the right phase at every kind of segment, transport, end."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.timeline import SegmentKind, compile_session
from pfrelax.core.transport import State
from pfrelax.ui.player.player_page import PlayerPage

from .conftest import every_kind_session

COUNT_IN_S = 3.0


def start_and_play_to(player: PlayerPage, clock: FakeClock, t_ms: int) -> None:
    """Load the every-kind session, press Start, and let the fake clock run to `t_ms`."""
    player.load(every_kind_session())
    player.pre_start.start_button.click()
    clock.advance(COUNT_IN_S + t_ms / 1000)
    player.refresh()


def position(player: PlayerPage) -> int:
    assert player.transport is not None
    return player.transport.position_ms()


def test_count_in_shows_three_two_one_then_plays(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    player.load(every_kind_session())
    qtbot.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
    shown = []
    for _ in range(3):
        player.refresh()
        assert player.stage.count_in.isVisible()
        shown.append(player.stage.count_in.number.text())
        clock.advance(1.0)
    player.refresh()
    assert shown == ["3", "2", "1"]
    assert player.state is State.PLAYING
    assert not player.stage.count_in.isVisible()


@pytest.mark.parametrize(
    ("t_ms", "kind", "label", "words"),
    [
        (1000, SegmentKind.SPEAK, "", "Hello. Settle in. You can stop at any time."),
        (5000, SegmentKind.INHALE, "Breathe in", "Let the pelvic floor soften"),
        (6500, SegmentKind.TOP_UP, "A little more in", "A small sip"),
        (7500, SegmentKind.HOLD_IN, "Hold", "Stay soft"),
        (9000, SegmentKind.EXHALE, "Breathe out", "Let it float back"),
        (11500, SegmentKind.HOLD_OUT, "Hold", "Stay soft"),
        (21000, SegmentKind.REST, "Breathe freely", "Nothing to do, nothing to change."),
    ],
)
def test_player_paints_the_moment_the_timeline_gives(
    player: PlayerPage, clock: FakeClock, t_ms: int, kind: SegmentKind, label: str, words: str
) -> None:
    start_and_play_to(player, clock, t_ms)
    player.stage.view.grab()  # forces a paint now
    expected = compile_session(every_kind_session()).at(t_ms)
    assert expected.kind is kind
    assert player.stage.view.painted_moment == expected
    assert player.stage.phase.text() == label
    shown = player.stage.caption.text() if kind is SegmentKind.SPEAK else player.stage.prompt.text()
    assert shown == words


def test_seconds_count_shows_whole_seconds_left_in_the_phase(
    player: PlayerPage, clock: FakeClock
) -> None:
    start_and_play_to(player, clock, 8200)  # exhale 8.0–11.0 s: 2.8 s left
    assert player.stage.seconds.text() == "3"


def test_pause_for_ten_minutes_then_resume_continues_exactly_where_it_was(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 5000)
    qtbot.mouseClick(player.controls.play_button, Qt.MouseButton.LeftButton)
    assert player.state is State.PAUSED
    assert player.stage.paused.text() == "Paused"
    clock.advance(600)
    player.refresh()
    player.stage.view.grab()
    assert position(player) == 5000
    assert player.stage.view.painted_moment == compile_session(every_kind_session()).at(5000)
    qtbot.mouseClick(player.controls.play_button, Qt.MouseButton.LeftButton)
    clock.advance(1.5)
    player.refresh()
    assert position(player) == 6500
    assert player.stage.phase.text() == "A little more in"
    assert player.stage.paused.text() == ""


def test_end_screen_appears_when_the_clock_passes_the_end(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 22_000)
    clock.advance(1.5)
    with qtbot.waitSignal(player.session_finished) as finished:
        player.refresh()
    assert finished.args == [every_kind_session()]
    assert player.pages.currentWidget() is player.end
    assert player.end.message.text() == "Session complete. Notice how you feel."
    assert not player.frame_driver.running


def test_back_to_library_button_asks_to_go_back(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 30_000)
    with qtbot.waitSignal(player.back_requested):
        qtbot.mouseClick(player.end.back_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(
    ("button", "expected_ms"),
    [("previous_button", 0), ("restart_button", 4000), ("next_button", 20_000)],
)
def test_step_buttons_move_to_step_starts(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot, button: str, expected_ms: int
) -> None:
    start_and_play_to(player, clock, 9000)
    qtbot.mouseClick(getattr(player.controls, button), Qt.MouseButton.LeftButton)
    assert position(player) == expected_ms
    assert player.state is State.PLAYING


def test_stop_button_ends_the_session_and_says_so(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 9000)
    with qtbot.waitSignal(player.session_stopped):
        qtbot.mouseClick(player.controls.stop_button, Qt.MouseButton.LeftButton)
    assert player.state is State.STOPPED
    assert player.pages.currentWidget() is player.end
    assert not player.frame_driver.running


@pytest.mark.parametrize(
    ("key", "expected_ms", "expected_state"),
    [
        (Qt.Key.Key_Space, 9000, State.PAUSED),
        (Qt.Key.Key_Left, 0, State.PLAYING),
        (Qt.Key.Key_Right, 20_000, State.PLAYING),
        (Qt.Key.Key_R, 4000, State.PLAYING),
    ],
)
def test_keys_drive_the_transport(
    player: PlayerPage,
    clock: FakeClock,
    qtbot: QtBot,
    key: Qt.Key,
    expected_ms: int,
    expected_state: State,
) -> None:
    start_and_play_to(player, clock, 9000)
    qtbot.keyClick(player.focusWidget() or player, key)
    assert position(player) == expected_ms
    assert player.state is expected_state


def test_space_on_the_pre_start_panel_starts_the_count_in(player: PlayerPage, qtbot: QtBot) -> None:
    player.load(every_kind_session())
    qtbot.keyClick(player.pre_start.start_button, Qt.Key.Key_Space)
    assert player.state is State.COUNT_IN


def test_clicking_the_progress_bar_seeks_there(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 1000)
    player.pause()
    slider = player.controls.slider
    qtbot.mouseClick(
        slider, Qt.MouseButton.LeftButton, pos=QPoint(slider.width() // 2, slider.height() // 2)
    )
    assert abs(position(player) - 11_500) < 1_500  # the middle of 23 s
    assert player.state is State.PAUSED


def test_clicking_a_step_in_the_list_moves_to_it(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 1000)
    rest = player.step_list.item(2)
    rect = player.step_list.visualItemRect(rest)
    qtbot.mouseClick(player.step_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert position(player) == 20_000
    assert player.step_list.current == 2


def test_frame_timer_runs_only_while_something_moves(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    player.load(every_kind_session())
    assert not player.frame_driver.running  # idle: no timer at all
    player.start()
    assert player.frame_driver.running  # counting in
    clock.advance(COUNT_IN_S + 1)
    player.refresh()
    assert player.frame_driver.running  # playing
    player.toggle()
    assert not player.frame_driver.running  # paused: the picture is still
    player.toggle()
    assert player.frame_driver.running
    clock.advance(60)
    player.refresh()
    assert not player.frame_driver.running  # finished


def test_frame_timer_repaints_from_the_clock_without_counting_ticks(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 0)
    clock.advance(7.5)  # the GUI did nothing for 7.5 s: the next frame still shows 7.5 s
    qtbot.waitUntil(lambda: player.stage.phase.text() == "Hold")
    assert position(player) == 7500


def test_safety_note_is_shown_before_the_start(player: PlayerPage) -> None:
    player.load(every_kind_session())
    assert player.pages.currentWidget() is player.pre_start
    assert player.pre_start.safety.text() == "This session includes breath holds. Keep them soft."
    assert "You can stop at any time." in player.pre_start.stop_rules.text()


def test_autostart_counts_in_at_once_and_keeps_the_safety_note_visible(
    player: PlayerPage,
) -> None:
    player.load(every_kind_session(), autostart=True)
    assert player.state is State.COUNT_IN
    assert player.stage.safety.isVisible()


def test_phase_changes_are_announced_at_most_every_two_seconds(
    player: PlayerPage, clock: FakeClock
) -> None:
    start_and_play_to(player, clock, 1000)  # narration: its step title
    for step_ms in (4000, 1500, 1000):  # inhale at 5.0 s, top-up at 6.5 s, hold at 7.5 s
        clock.advance(step_ms / 1000)
        player.refresh()
    # The top-up came 1.5 s after "Breathe in": too soon, and replaced by the hold.
    assert player.announcer.spoken == ["Welcome", "Breathe in", "Hold"]
    assert player.stage.phase.accessibleName() == "Hold"


def test_leaving_the_page_pauses_the_session(player: PlayerPage, clock: FakeClock) -> None:
    start_and_play_to(player, clock, 5000)
    player.hide()
    assert player.state is State.PAUSED
    assert not player.frame_driver.running


def test_panels_fade_in_rather_than_pop_up(player: PlayerPage, qtbot: QtBot) -> None:
    player.load(every_kind_session())
    player.start()
    assert player.fading
    qtbot.waitUntil(lambda: not player.fading)


def test_all_stop_rules_are_one_click_away_before_the_start(
    player: PlayerPage, qtbot: QtBot
) -> None:
    player.load(every_kind_session())
    qtbot.mouseClick(player.pre_start.stop_rules_button, Qt.MouseButton.LeftButton)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert [box.text() for box in boxes if box.isVisible()] == ["Stop rules and safety"]
    for box in boxes:
        box.close()


def test_tab_moves_left_to_right_along_the_transport(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    start_and_play_to(player, clock, 1000)
    controls = player.controls
    controls.previous_button.setFocus()
    seen = [player.focusWidget()]
    for _ in range(4):
        qtbot.keyClick(player.focusWidget(), Qt.Key.Key_Tab)
        seen.append(player.focusWidget())
    assert seen == [
        controls.previous_button,
        controls.restart_button,
        controls.play_button,
        controls.next_button,
        controls.stop_button,
    ]


# --- the page renders playback (issue 11) --------------------------------------------------------
def test_reading_the_pages_state_moves_nothing_the_frame_driver_advances_it(
    player: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    player.load(every_kind_session())
    qtbot.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
    seen: list[State] = []
    player.state_changed.connect(seen.append)
    clock.advance(COUNT_IN_S + 1)
    assert player.state is State.COUNT_IN  # read as often as you like: nothing happens
    assert player.state is State.COUNT_IN
    assert seen == []
    assert player.frame_driver.running
    player.frame_driver.tick()
    assert player.state is State.PLAYING
    assert seen == [State.PLAYING]
    assert type(seen[0]) is State  # typed, never a string to compare


def test_the_page_renders_a_session_loaded_into_playback_by_someone_else(
    player: PlayerPage, clock: FakeClock
) -> None:
    session = every_kind_session()
    player.playback.load(session, compile_session(session))
    assert player.session is session
    assert player.pages.currentWidget() is player.pre_start
    assert player.step_list.count() == len(compile_session(session).steps)
    player.playback.start()
    assert player.state is State.COUNT_IN
    assert player.stage.count_in.isVisible()
    clock.advance(COUNT_IN_S)
    player.refresh()
    assert player.state is State.PLAYING


def test_the_step_playing_is_marked_again_in_the_list_of_a_new_timeline(
    player: PlayerPage, clock: FakeClock
) -> None:
    start_and_play_to(player, clock, 21_100)  # into the rest (step 3 of 4), mid-second
    assert player.step_list.current == 2
    # A paced stay that grows hands the page a new timeline: the list is filled anew, with no
    # step marked; the next frame marks the one playing (the words' key alone would not).
    player._on_transport_timeline_changed()
    assert player.step_list.current == -1
    clock.advance(0.016)
    player.refresh()
    assert player.step_list.current == 2
