"""The idle lock during a playing session (Settings → Privacy, off by default), on a fake clock:
on, the idle minutes count while a session plays and the lock pauses, mutes and hides it, and the
unlock resumes it where it was; off, a session plays through and the lock comes its idle minutes
after the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.app import Composition
from pfrelax.core.clock import FakeClock
from pfrelax.core.transport import State
from pfrelax.services.preferences import Preferences
from pfrelax.services.privacy import Privacy
from pfrelax.ui.privacy.app_lock import AppLock
from pfrelax.ui.privacy.privacy_dialog import IN_SESSION_HINT
from pfrelax.ui.settings.settings_dialog import SettingsDialog

from .lock_helpers import (
    LONG_STEP,
    LONG_TITLE,
    PASSPHRASE,
    compose,
    lock_of,
    start_session,
    type_passphrase,
)

IDLE_S = 5 * 60  # the default idle minutes


@pytest.fixture
def encrypted(home: Path) -> Path:
    path = paths.database_path()
    Privacy(path).set_passphrase(PASSPHRASE)
    return path


def unlocked(qtbot: QtBot, clock: FakeClock) -> tuple[Composition, AppLock]:
    composition = compose(qtbot, clock)
    lock, screen = lock_of(composition)
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    return composition, lock


def open_settings(composition: Composition, qtbot: QtBot) -> SettingsDialog:
    dialog = composition.open_settings()
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    return dialog


def tick_in_session_box(composition: Composition, qtbot: QtBot) -> None:
    """Settings → Privacy → "Also lock during a session…", ticked with the mouse, then OK."""
    dialog = open_settings(composition, qtbot)
    box = dialog.privacy.in_session
    assert not box.isChecked()  # off by default
    dialog.scroll_area.ensureWidgetVisible(box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )


def shown_texts() -> list[str]:
    """Every text a person could read now: visible labels, buttons, fields, list rows, window
    titles, tooltips and what a screen reader says."""
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and (model := widget.model()) is not None:
            texts += [str(model.index(row, 0).data() or "") for row in range(model.rowCount())]
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if widget.isWindow():
            texts.append(widget.windowTitle())
    return texts


def names_the_session(texts: list[str]) -> bool:
    return any(LONG_TITLE in text or LONG_STEP in text for text in texts)


def idle_check(composition: Composition, lock: AppLock) -> None:
    """One frame of the player and one of the lock's idle checks, at the clock's time now."""
    composition.player_page.refresh()
    lock.check_idle()


def test_with_the_option_on_the_idle_lock_pauses_a_playing_session_and_the_unlock_resumes_it(
    encrypted: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    composition, lock = unlocked(qtbot, clock)
    tick_in_session_box(composition, qtbot)
    away_since = clock.now()  # the last click (OK); from here no key, no mouse
    start_session(composition, qtbot, clock)
    player, transport = composition.player_page, composition.player_page.transport
    audio = composition.player_audio
    assert transport is not None
    assert audio is not None
    assert names_the_session(shown_texts())  # so the check behind the lock can fail

    clock.set(away_since + IDLE_S - 1)
    idle_check(composition, lock)
    assert not lock.locked
    assert player.state is State.PLAYING
    second_before = transport.position_ms()

    clock.set(away_since + IDLE_S)
    with qtbot.waitSignal(lock.locked_changed, timeout=3000):
        pass  # the idle check runs on its own timer
    assert lock.locked
    assert player.state is State.PAUSED
    assert audio.silent_held
    where = transport.position_ms()
    assert where == second_before + 1000  # paused at the moment of the lock
    moment = transport.moment()
    assert not names_the_session(shown_texts())  # the lock screen is neutral

    clock.advance(3 * 60)  # away for three minutes: the session waits where it was
    idle_check(composition, lock)
    assert transport.position_ms() == where
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, lock.screen, PASSPHRASE)
    assert not lock.locked
    assert player.state is State.PLAYING
    assert transport.position_ms() == where
    resumed = transport.moment()
    assert (resumed.step, resumed.segment_index, resumed.progress) == (
        moment.step,
        moment.segment_index,
        moment.progress,
    )
    assert not audio.silent_held  # the sound is back
    clock.advance(2)
    player.refresh()
    assert transport.position_ms() == where + 2000  # and it plays on from there
    composition.window.close()


def test_with_the_option_off_a_session_plays_through_and_the_lock_comes_after_its_end(
    encrypted: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    composition, lock = unlocked(qtbot, clock)
    start_session(composition, qtbot, clock)
    player, transport = composition.player_page, composition.player_page.transport
    assert transport is not None
    for _ in range(8):  # eight minutes of a hands-free session, no key pressed
        clock.advance(60)
        idle_check(composition, lock)
        assert not lock.locked
        assert player.state is State.PLAYING

    clock.advance((transport.timeline.duration_ms - transport.position_ms()) / 1000)
    idle_check(composition, lock)
    assert player.state is State.FINISHED
    ended_at = clock.now()
    clock.set(ended_at + IDLE_S - 1)
    lock.check_idle()
    assert not lock.locked

    clock.set(ended_at + IDLE_S)
    with qtbot.waitSignal(lock.locked_changed, timeout=3000):
        pass
    assert lock.locked
    composition.window.close()


def test_the_option_is_off_at_first_and_its_tick_is_saved_and_shown_again(
    home: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    composition = compose(qtbot, clock)
    assert not Preferences.read().settings.lock_in_session
    tick_in_session_box(composition, qtbot)
    assert Preferences.read().settings.lock_in_session

    dialog = open_settings(composition, qtbot)
    assert dialog.privacy.in_session.isChecked()
    hint = dialog.privacy.in_session_hint
    assert hint.text() == IN_SESSION_HINT
    assert hint.isVisibleTo(dialog)
    assert below(hint, dialog.privacy.in_session)
    box = dialog.privacy.in_session
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert not Preferences.read().settings.lock_in_session
    composition.window.close()


def below(lower: QWidget, upper: QWidget) -> bool:
    """`lower` sits under `upper` (the hint under its tick box), in the same window."""
    top = lower.mapTo(lower.window(), QPoint(0, 0)).y()
    return top >= upper.mapTo(upper.window(), QPoint(0, upper.height())).y()


def test_the_lock_watches_every_event_only_while_the_idle_minutes_can_count(
    encrypted: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    # An app-wide filter is a call into Python for each event (~230 a second while the wave
    # plays): while a session plays and its minutes do not count, nobody needs to be seen.
    composition, lock = unlocked(qtbot, clock)
    assert lock.watching_presence
    start_session(composition, qtbot, clock)
    assert not lock.watching_presence
    composition.player_page.pause()
    assert lock.watching_presence  # from the pause the minutes count: a key resets them
    clock.advance(IDLE_S - 10)
    qtbot.keyClick(composition.window, Qt.Key.Key_Shift)
    clock.advance(20)
    idle_check(composition, lock)
    assert not lock.locked  # the key, seen, started the minutes again
    composition.player_page.toggle()  # playing again
    assert composition.player_page.is_moving
    assert not lock.watching_presence
    tick_in_session_box(composition, qtbot)  # the minutes count in a session now: watch
    assert lock.watching_presence
    composition.window.close()
