"""The studio's Preview plays the chosen session, unsaved, in the app's own player page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.session import DilatorStep
from pfrelax.core.transport import State
from pfrelax.services.preferences import Preferences
from pfrelax.ui.studio.preview_window import PreviewWindow
from pfrelax.ui.studio.studio_window import StudioWindow

from .conftest import no_output
from .studio_helpers import open_example, shown_studio

DILATOR = "sessions/practice-with-the-breath.toml"

# The offscreen test platform cannot raise a window; Qt notes it, and it is no fault of ours.
OFFSCREEN = pytest.mark.qt_log_ignore(
    "does not support raise", "does not support propagateSizeHints"
)


@pytest.fixture
def studio(
    qtbot: QtBot, home: Path, tmp_path: Path, clock: FakeClock, preferences: Preferences
) -> Iterator[StudioWindow]:
    window = StudioWindow()
    window.previewer.make = lambda: PreviewWindow(
        clock=clock, preferences=preferences, open_output=no_output
    )
    yield open_example(shown_studio(qtbot, window), tmp_path)
    window.previewer.close()


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


@OFFSCREEN
def test_preview_plays_the_unsaved_session_in_the_player_page(
    qtbot: QtBot, studio: StudioWindow, clock: FakeClock, tmp_path: Path
) -> None:
    names = [s.name for s in studio.source.sessions]  # type: ignore[union-attr]
    sessions = studio.sessions
    studio.tabs.setCurrentWidget(sessions)
    sessions.sessions.setCurrentRow(names.index(DILATOR))
    sessions.steps.setCurrentRow(1)
    retype(qtbot, sessions.step_form.dilator.fields["settle"], "60")  # type: ignore[arg-type]
    qtbot.mouseClick(sessions.preview, Qt.MouseButton.LeftButton)
    preview = studio.previewer.window
    assert preview is not None
    qtbot.waitExposed(preview)
    page = preview.page
    assert page.session is not None
    assert page.session.title == "Practice with the breath"
    dilator = page.session.steps[1]
    assert isinstance(dilator, DilatorStep)
    assert dilator.settle_ms == 60_000  # as typed, not as saved
    assert (tmp_path / "riverside" / DILATOR).read_text(encoding="utf-8").count("settle = 120")
    assert page.pre_start.isVisible()  # the safety note first, as for a patient
    qtbot.mouseClick(page.pre_start.start_button, Qt.MouseButton.LeftButton)
    clock.advance(5.0)
    page.refresh()
    assert page.state is State.PLAYING
    playback = preview.playback
    preview.close()
    assert playback.state is State.STOPPED  # closing the preview stops the session
    qtbot.waitUntil(lambda: studio.previewer.window is None)


def test_a_session_with_problems_does_not_play_and_says_why(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    sessions = studio.sessions
    studio.tabs.setCurrentWidget(sessions)
    sessions.sessions.setCurrentRow(0)
    sessions.steps.setCurrentRow(1)
    retype(qtbot, sessions.step_form.breathe_fields["pattern"], "4-40")  # type: ignore[arg-type]
    qtbot.keyClick(studio, Qt.Key.Key_F6)
    assert studio.previewer.window is None
    assert studio.tabs.currentWidget() is studio.problems
    assert studio.problems.item(0).text() == "This session cannot play yet:"
    assert "step[1].pattern" in studio.problems.item(1).text()


@OFFSCREEN
def test_start_in_the_plans_today_preview_plays_that_session(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    plan = studio.plan
    studio.tabs.setCurrentWidget(plan)
    plan.grid.setFocus()
    plan.grid.setCurrentCell(2, 0)  # week 3, Monday: more than one session
    starts = [
        button
        for button in plan.preview.findChildren(QPushButton)
        if button.isVisibleTo(plan.preview) and button.text() == "Start"
    ]
    assert len(starts) > 1
    title = starts[-1].accessibleName().removeprefix("Start ")
    qtbot.mouseClick(starts[-1], Qt.MouseButton.LeftButton)
    preview = studio.previewer.window
    assert preview is not None
    qtbot.waitExposed(preview)
    assert preview.page.session is not None
    assert preview.page.session.title == title
    assert preview.page.pre_start.isVisible()  # the safety note first, as for a patient
