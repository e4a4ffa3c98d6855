"""The desktop's screen lock locks pfrelax too: heard on a private D-Bus daemon (dbus-daemon,
installed by .ci/run) where a stand-in screen saver and a stand-in logind send the signals the
real ones send."""

from __future__ import annotations

import functools
import importlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.transport import State
from pfrelax.ui.privacy import app_lock
from pfrelax.ui.privacy.desktop_lock import DesktopLockWatch, session_path

from .lock_helpers import PASSPHRASE, compose, lock_of, start_session, type_passphrase
from .test_app_lock import encrypted

__all__ = ["encrypted"]  # the fixture, used by name


class PrivateBus:
    """A dbus-daemon of the test's own, and a stand-in for the desktop's services on it."""

    def __init__(self, tmp_path: Path) -> None:
        daemon = shutil.which("dbus-daemon")
        assert daemon, "this test needs dbus-daemon (apt-get install dbus-daemon)"
        with (tmp_path / "dbus.log").open("wb") as errors:
            self.process = subprocess.Popen(
                [daemon, "--session", "--nofork", "--print-address=1"],
                stdout=subprocess.PIPE,
                stderr=errors,
            )
        assert self.process.stdout is not None
        self.address = self.process.stdout.readline().decode().strip()
        self.process.stdout.close()
        self.names: list[str] = []
        self.desktop = self.connection("stand-in-desktop")

    def connection(self, name: str) -> QDBusConnection:
        bus = QDBusConnection.connectToBus(self.address, name)
        assert bus.isConnected(), bus.lastError().message()
        self.names.append(name)
        return bus

    def send(self, service: str, path: str, interface: str, name: str, *args: object) -> None:
        """The signal, sent from `service` as the desktop's own service would send it."""
        assert self.desktop.registerService(service)
        message = QDBusMessage.createSignal(path, interface, name)
        message.setArguments(list(args))
        assert self.desktop.send(message)

    def close(self) -> None:
        for name in self.names:
            QDBusConnection.disconnectFromBus(name)
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[PrivateBus]:
    private = PrivateBus(tmp_path)
    yield private
    private.close()


def watch_on(bus: PrivateBus, qtbot: QtBot, session_id: str = "c2") -> DesktopLockWatch:
    """A watch whose session and system buses are both the private one."""
    watch = DesktopLockWatch(
        session_bus=bus.connection("pfrelax-session"),
        system_bus=bus.connection("pfrelax-system"),
        environ={"XDG_SESSION_ID": session_id},
    )
    assert watch.listening
    return watch


def test_a_screen_saver_turning_on_is_heard_and_turning_off_is_not(
    bus: PrivateBus, qtbot: QtBot
) -> None:
    watch = watch_on(bus, qtbot)
    with qtbot.waitSignal(watch.screen_locked):
        bus.send("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                 "ActiveChanged", True)  # fmt: skip
    heard: list[None] = []
    watch.screen_locked.connect(lambda: heard.append(None))
    bus.send("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver",
             "ActiveChanged", False)  # fmt: skip
    with qtbot.waitSignal(watch.screen_locked):  # the next lock is still heard, in order
        bus.send("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver",
                 "ActiveChanged", True)  # fmt: skip
    assert heard == [None]  # the False before it locked nothing
    watch.stop()


def test_logind_locking_this_session_is_heard_and_another_session_is_not(
    bus: PrivateBus, qtbot: QtBot
) -> None:
    watch = watch_on(bus, qtbot, session_id="2")
    heard: list[None] = []
    watch.screen_locked.connect(lambda: heard.append(None))
    other = session_path("3")
    bus.send("org.freedesktop.login1", other, "org.freedesktop.login1.Session", "Lock")
    with qtbot.waitSignal(watch.screen_locked):
        bus.send(
            "org.freedesktop.login1", session_path("2"), "org.freedesktop.login1.Session", "Lock"
        )
    assert heard == [None]
    watch.stop()


def test_logind_session_paths_are_escaped_as_systemd_does() -> None:
    assert session_path("2") == "/org/freedesktop/login1/session/_32"
    assert session_path("c2") == "/org/freedesktop/login1/session/c2"
    assert session_path("a-b") == "/org/freedesktop/login1/session/a_2db"
    assert session_path("") == ""


def test_the_desktop_locking_its_screen_locks_pfrelax_and_pauses_the_session(
    encrypted: Path,
    bus: PrivateBus,
    qtbot: QtBot,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    on_private_bus = functools.partial(
        DesktopLockWatch,
        session_bus=bus.connection("app-session"),
        system_bus=bus.connection("app-system"),
        environ={},
    )
    monkeypatch.setattr(app_lock, "DesktopLockWatch", on_private_bus)
    composition = compose(qtbot, clock)
    lock, screen = lock_of(composition)
    with qtbot.waitSignal(lock.locked_changed):
        type_passphrase(qtbot, screen, PASSPHRASE)
    start_session(composition, qtbot, clock)
    with qtbot.waitSignal(lock.locked_changed):
        bus.send("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                 "org.freedesktop.ScreenSaver", "ActiveChanged", True)  # fmt: skip
    assert lock.locked
    assert composition.player_page.state is State.PAUSED
    composition.window.close()


def test_a_qt_without_d_bus_has_no_watch_and_no_error(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtDBus", None)  # importing it now fails
    monkeypatch.delitem(sys.modules, "pfrelax.ui.privacy.desktop_lock")  # imported afresh
    fresh = importlib.import_module("pfrelax.ui.privacy.desktop_lock")
    watch = fresh.DesktopLockWatch()
    assert not watch.listening
    watch.stop()
