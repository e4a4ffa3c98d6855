"""Hostile D-Bus signals for the desktop lock watch, on a private dbus-daemon: arguments of the
wrong type, too few, or too many are ignored or heard as the desktop meant them, never raised."""

from __future__ import annotations

import pytest
from PySide6.QtDBus import QDBusVariant
from pytestqt.qtbot import QtBot

from pfrelax.ui.privacy.desktop_lock import session_path

from .test_desktop_lock import PrivateBus, bus, watch_on

__all__ = ["bus"]  # the fixture, used by name

SAVER = ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver")


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param((), id="no-argument"),
        pytest.param(("true",), id="a-string"),
        pytest.param((1,), id="an-integer"),
        pytest.param(([True],), id="a-list"),
        pytest.param((QDBusVariant(True),), id="a-variant"),
        pytest.param(("x" * 100_000,), id="a-long-string"),
    ],
)
def test_a_screen_saver_signal_of_the_wrong_type_is_ignored(
    bus: PrivateBus, qtbot: QtBot, arguments: tuple[object, ...]
) -> None:
    watch = watch_on(bus, qtbot)
    heard: list[None] = []
    watch.screen_locked.connect(lambda: heard.append(None))
    bus.send(*SAVER, "ActiveChanged", *arguments)
    with qtbot.waitSignal(watch.screen_locked):  # a proper one after it is still heard, in order
        bus.send(*SAVER, "ActiveChanged", True)
    assert heard == [None]
    watch.stop()


def test_a_screen_saver_signal_with_more_arguments_than_desktops_send_is_ignored(
    bus: PrivateBus, qtbot: QtBot
) -> None:
    watch = watch_on(bus, qtbot)
    heard: list[None] = []
    watch.screen_locked.connect(lambda: heard.append(None))
    bus.send(*SAVER, "ActiveChanged", True, "extra")
    with qtbot.waitSignal(watch.screen_locked):
        bus.send(*SAVER, "ActiveChanged", True)
    assert heard == [None]
    watch.stop()


def test_logind_s_lock_with_arguments_is_ignored(bus: PrivateBus, qtbot: QtBot) -> None:
    watch = watch_on(bus, qtbot, session_id="2")
    heard: list[None] = []
    watch.screen_locked.connect(lambda: heard.append(None))
    lock = ("org.freedesktop.login1", session_path("2"), "org.freedesktop.login1.Session", "Lock")
    bus.send(*lock, [True], 7)
    with qtbot.waitSignal(watch.screen_locked):
        bus.send(*lock)
    assert heard == [None]
    watch.stop()
