"""After a dilator step the practice log's hook is called, then the after check-in follows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.transport import State
from pfrelax.ui.checkin.session_flow import DilatorPractice

from .practice_sessions import dilator_session, pelvic_session
from .test_main_window import compose

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_stopping_in_the_stay_hands_the_practice_to_the_log_before_the_check_in(
    qtbot: QtBot, clock: FakeClock, home: Path
) -> None:
    session = replace(dilator_session(), checkin=("after",))
    composition = compose(qtbot, clock, [session])
    player = composition.player_page  # built on first use, with its flow
    flow = composition.session_flow
    assert flow is not None
    asked: list[tuple[DilatorPractice, Callable[[], None]]] = []
    flow.after_dilator_step = lambda practice, then: asked.append((practice, then))
    composition.open_session(session)
    qtbot.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
    clock.advance(3)  # the count-in: the run opens as playing begins
    player.refresh()
    clock.advance(45)  # into the stay
    player.refresh()
    qtbot.mouseClick(player.stage.stage_controls.stop_button, Qt.MouseButton.LeftButton)
    assert player.state is State.STOPPED
    assert len(asked) == 1
    practice, then = asked[0]
    assert practice.session is session
    assert practice.run_id is not None
    assert flow.recorder is not None
    assert practice.run_id == flow.recorder.run_id
    assert (practice.step_index, practice.practised_ms, practice.stopped) == (0, 45_000, True)
    assert flow.dialog is None  # the log comes first
    then()
    assert flow.dialog is not None
    assert flow.dialog.moment == "after"


def test_sessions_without_a_dilator_step_go_straight_to_the_check_in(
    qtbot: QtBot, clock: FakeClock, home: Path
) -> None:
    session = replace(pelvic_session(), checkin=("after",))
    composition = compose(qtbot, clock, [session])
    player = composition.player_page  # built on first use, with its flow
    flow = composition.session_flow
    assert flow is not None
    asked: list[DilatorPractice] = []
    flow.after_dilator_step = lambda practice, then: asked.append(practice)
    composition.open_session(session)
    qtbot.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
    clock.advance(3)  # the count-in: the run opens as playing begins
    player.refresh()
    clock.advance(60)
    player.refresh()
    assert player.state is State.FINISHED
    assert asked == []
    assert flow.dialog is not None
    assert flow.dialog.moment == "after"
