"""The app lock, used like a person: typed passphrases, the idle lock on a fake clock,
minimising, and a running session paused and muted behind the lock, then resumed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.core.clock import FakeClock
from pfrelax.core.transport import State
from pfrelax.services.privacy import Privacy
from pfrelax.ui.privacy.lock_screen import ASK_TEXT, WRONG_TEXT

from .lock_helpers import PASSPHRASE, compose, lock_of, start_session, type_passphrase


@pytest.fixture
def encrypted(home: Path) -> Path:
    path = paths.database_path()
    Privacy(path).set_passphrase(PASSPHRASE)
    return path


def test_an_encrypted_history_starts_locked_and_opens_with_the_typed_passphrase(
    encrypted: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    composition = compose(qtbot, clock)
    lock, screen = lock_of(composition)
    assert lock.locked
    assert composition.window.centralWidget() is screen
    assert not composition.library_page.isVisible()  # no session names behind the lock
    composition.finish_startup()
    assert composition.importer is None  # nothing opened the history yet
    assert screen.message.text() == ASK_TEXT

    type_passphrase(qtbot, screen, "quiet harbour lantern")
    assert lock.locked
    assert screen.message.text() == WRONG_TEXT
    assert screen.field.text() == ""

    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    assert not lock.locked
    assert composition.library_page.isVisible()
    assert composition.lock.database_key is not None
    assert composition.importer is not None  # the start-up finished once unlocked
    assert composition.database() is not None


def test_repeated_wrong_passphrases_wait_longer_each_time(
    encrypted: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    composition = compose(qtbot, clock)
    _lock, screen = lock_of(composition)
    for _ in range(3):
        type_passphrase(qtbot, screen, "not the passphrase")
    assert "try again in 1 s" in screen.message.text()
    assert not screen.field.isEnabled()
    qtbot.waitUntil(screen.field.isEnabled, timeout=3000)
    assert screen.message.text() == ASK_TEXT
    clock.advance(1)
    type_passphrase(qtbot, screen, "still not it")
    assert "try again in 2 s" in screen.message.text()


def test_a_lock_pauses_and_mutes_a_session_and_the_unlock_resumes_where_it_was(
    encrypted: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    composition = compose(qtbot, clock)
    lock, screen = lock_of(composition)
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    start_session(composition, qtbot, clock)
    player, transport = composition.player_page, composition.player_page.transport
    assert transport is not None
    clock.advance(30)
    with qtbot.waitSignal(lock.locked_changed):
        composition.window.showMinimized()  # or the desktop locking its screen
    assert player.state is State.PAUSED
    audio = composition.player_audio
    assert audio is not None
    assert audio.silent_held
    where = transport.position_ms()

    clock.advance(120)  # away for two minutes: the session stays where it was
    composition.window.showNormal()
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    assert player.state is State.PLAYING
    assert transport.position_ms() == where
    assert not audio.silent_held
    composition.window.close()


def test_idle_minutes_do_not_count_while_a_session_plays_and_lock_after_its_pause(
    encrypted: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    composition = compose(qtbot, clock)
    lock, screen = lock_of(composition)
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    start_session(composition, qtbot, clock)
    player = composition.player_page
    for _ in range(8):  # eight minutes of a hands-free session, no key pressed
        clock.advance(60)
        player.refresh()
        lock.check_idle()
    assert not lock.locked
    assert player.state is State.PLAYING
    player.pause()  # the person paused it (with a remote, say) and left
    clock.advance(4 * 60 + 50)
    lock.check_idle()
    assert not lock.locked  # not yet five minutes since the pause
    clock.advance(11)
    with qtbot.waitSignal(lock.locked_changed, timeout=3000):
        pass  # the idle check runs on its own timer
    assert lock.locked
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    assert player.state is State.PAUSED  # paused by the person: they resume when ready
    composition.window.close()


def test_minimising_the_window_locks_it(encrypted: Path, qtbot: QtBot, clock: FakeClock) -> None:
    composition = compose(qtbot, clock)
    lock, screen = lock_of(composition)
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    with qtbot.waitSignal(lock.locked_changed):
        composition.window.showMinimized()
    assert lock.locked
    assert composition.window.centralWidget() is screen
    # Regression: the content taken out from under the lock came back, after the minimise's
    # events, as a window of its own (the library in plain sight).
    QApplication.processEvents()
    assert not composition.library_page.isVisible()
    composition.window.showNormal()
    QApplication.processEvents()
    assert not composition.library_page.isVisible()
    assert screen.isVisible()


def test_without_a_passphrase_there_is_no_lock(home: Path, qtbot: QtBot, clock: FakeClock) -> None:
    composition = compose(qtbot, clock)
    assert composition.app_lock is None
    composition.window.showMinimized()
    assert composition.window.centralWidget() is not None
    assert composition.app_lock is None


def test_hide_now_pauses_mutes_and_minimises_and_the_sound_returns_with_the_window(
    home: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    composition = compose(qtbot, clock)
    start_session(composition, qtbot, clock)
    window = composition.window
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.isMinimized()
    assert composition.player_page.state is State.PAUSED
    audio = composition.player_audio
    assert audio is not None
    assert audio.silent_held
    window.showNormal()
    qtbot.waitUntil(lambda: not audio.silent_held)
    assert composition.player_page.state is State.PAUSED  # the person resumes when ready
    window.close()


def test_a_dialog_of_a_page_hides_behind_the_lock_and_comes_back_after(
    encrypted: Path, qtbot: QtBot, clock: FakeClock
) -> None:
    composition = compose(qtbot, clock)
    lock, screen = lock_of(composition)
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    composition.finish_startup()
    button = composition.library_page.new_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)  # the session editor, a dialog of the library page
    assert composition.late.my_sessions is not None
    editor = composition.late.my_sessions.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    with qtbot.waitSignal(lock.locked_changed):
        composition.window.showMinimized()
    assert not editor.isVisible()
    composition.window.showNormal()
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    assert editor.isVisible()
    editor.reject()
    composition.window.close()
