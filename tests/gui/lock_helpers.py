"""The whole app on a fake clock behind its lock: composing it, typing the passphrase, and
starting a session, as the app-lock tests do it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pfrelax.app import Composition
from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.transport import State
from pfrelax.services.preferences import Preferences
from pfrelax.ui.privacy.app_lock import AppLock
from pfrelax.ui.privacy.lock_screen import LockScreen

from .conftest import no_output

PASSPHRASE = "quiet harbour lanterns"
LONG_TITLE = "Long calm breathing"
LONG_STEP = "Breathe 4-6"


def long_session() -> Session:
    """Ten minutes of slow breaths: still running when the five idle minutes are up."""
    return Session(
        id="long-calm",
        title=LONG_TITLE,
        summary="Slow breaths for ten minutes.",
        tags=("breathing",),
        steps=(BreatheStep(LONG_STEP, Pattern(inhale_ms=4000, exhale_ms=6000), cycles=60),),
    )


def compose(qtbot: QtBot, clock: FakeClock) -> Composition:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    composition = Composition(
        app,
        clock=clock,
        preferences=Preferences.read(),
        open_output=no_output,
        sessions=[long_session()],
    )
    qtbot.addWidget(composition.window)
    composition.window.show()
    qtbot.waitExposed(composition.window)
    composition.window.activateWindow()
    qtbot.waitUntil(composition.window.isActiveWindow)
    return composition


def lock_of(composition: Composition) -> tuple[AppLock, LockScreen]:
    lock = composition.app_lock
    assert lock is not None
    return lock, lock.screen


def type_passphrase(qtbot: QtBot, screen: LockScreen, text: str) -> None:
    screen.field.setFocus()
    qtbot.keyClicks(screen.field, text)
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)


def start_session(composition: Composition, qtbot: QtBot, clock: FakeClock) -> None:
    """Open the one session and start it (keys pressed at the clock's time now), then move the
    clock 4 s on, past the count-in: it plays."""
    composition.library_page.list.setFocus()
    qtbot.keyClick(composition.library_page.list, Qt.Key.Key_Return)
    player = composition.player_page
    qtbot.keyClick(player.pre_start.start_button, Qt.Key.Key_Space)
    flow = composition.session_flow
    if flow is not None and flow.dialog is not None:
        qtbot.mouseClick(flow.dialog.skip_button, Qt.MouseButton.LeftButton)
    clock.advance(4)  # past the count-in
    player.refresh()
    assert player.state is State.PLAYING
