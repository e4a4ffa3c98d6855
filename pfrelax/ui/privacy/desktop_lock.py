"""The desktop's own screen lock, heard on D-Bus where the desktop says it: pfrelax locks too.

Screen savers announce `ActiveChanged(true)` on the session bus (GNOME, KDE and others under
their own names); logind announces `Lock` for the session on the system bus (`loginctl
lock-session`, and the desktops that lock through it). Where neither is heard (no D-Bus:
Windows, macOS, a bare X11 session), the idle lock is the backstop (docs/privacy.md).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import SLOT, QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

# Each screen saver's well-known name is also its interface's name; its object path varies.
SCREEN_SAVERS = (
    "org.freedesktop.ScreenSaver",
    "org.gnome.ScreenSaver",
    "org.mate.ScreenSaver",
    "org.cinnamon.ScreenSaver",
)
LOGIND = "org.freedesktop.login1"
LOGIND_SESSION = "org.freedesktop.login1.Session"


class DesktopLockWatch(QObject):
    """Emits `screen_locked` when the desktop locks the screen (where it tells)."""

    screen_locked = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        session_bus: QDBusConnection | None = None,
        system_bus: QDBusConnection | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._connections: list[tuple[QDBusConnection, str, str, str, str, str, str]] = []
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a Qt without D-Bus (as on Windows): the idle lock covers it
            return
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        for name in SCREEN_SAVERS:
            self._listen(
                session, (name, "", name, "ActiveChanged", "b"), "_on_active_changed(bool)"
            )
        env = os.environ if environ is None else environ
        path = session_path(env.get("XDG_SESSION_ID", ""))
        self._listen(system, (LOGIND, path, LOGIND_SESSION, "Lock", ""), "_on_session_lock()")

    @property
    def listening(self) -> bool:
        """Whether any bus was there to listen on (else only the idle lock covers it)."""
        return bool(self._connections)

    def stop(self) -> None:
        for bus, service, path, interface, name, types, slot in self._connections:
            bus.disconnect(service, path, interface, name, types, self, slot)  # type: ignore[call-overload]
        self._connections = []

    def _listen(
        self, bus: QDBusConnection, signal: tuple[str, str, str, str, str], slot: str
    ) -> None:
        """Hear `signal` (service, path, interface, name, D-Bus argument types) on `slot`. The
        types are given so Qt passes on only a signal of those types: a screen saver's
        ActiveChanged with, say, a list in it would otherwise abort the whole app in Qt's
        demarshalling (anyone on the session bus may own an unused screen saver's name)."""
        if not bus.isConnected():
            return
        service, path, interface, name, types = signal
        signature = SLOT(slot)
        # PySide6 takes the SLOT() text as str at run time; its stubs say bytes, which it refuses.
        if bus.connect(service, path, interface, name, types, self, signature):  # type: ignore[call-overload]
            self._connections.append((bus, service, path, interface, name, types, signature))
        else:
            log.info("desktop lock: cannot listen for %s.%s", interface, name)

    @Slot(bool)
    def _on_active_changed(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()

    @Slot()
    def _on_session_lock(self) -> None:
        self.screen_locked.emit()


def session_path(session_id: str) -> str:
    """logind's object path for session `session_id` (systemd's bus-path escaping: letters and
    digits kept, except a leading digit, everything else as _xx); "" (every session) unknown."""
    if not session_id:
        return ""
    escaped = "".join(
        char
        if char.isascii() and char.isalnum() and (i or not char.isdigit())
        else f"_{ord(char):02x}"
        for i, char in enumerate(session_id)
    )
    return f"/org/freedesktop/login1/session/{escaped}"


def _kept(char: str, *, first: bool) -> bool:
    return char.isascii() and char.isalnum() and not (first and char.isdigit())
