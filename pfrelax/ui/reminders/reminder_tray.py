"""Reminders while pfrelax runs: a neutral notification at the chosen times, never in quiet
hours, and an optional tray icon (where the desktop has a tray) that keeps it within reach.

There is no resident service: reminders come only while the app is open (or started with the
computer). One single-shot timer waits for the next reminder, waking at least every ten minutes
to look again, so a suspended laptop or a changed clock is caught up with rather than trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from pfrelax.core.reminders import (
    REMINDER_TEXT,
    REMINDER_TITLE,
    ReminderTimeError,
    next_reminder,
    parse_quiet_hours,
    parse_times,
)
from pfrelax.core.settings import Settings

LOOK_AGAIN = timedelta(minutes=10)  # the longest the timer sleeps before checking the clock


class Reminders(QObject):
    """Owns the reminder timer and the tray icon; `apply(settings)` after every change."""

    reminded = Signal(str)  # the neutral text of a reminder that was just given
    open_requested = Signal()  # "Open pfrelax" in the tray menu, or a click on the icon
    quit_requested = Signal()

    def __init__(
        self,
        window: QWidget,
        now: Callable[[], datetime],
        zone: Callable[[], tzinfo],
        *,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        icon: QIcon | None = None,
    ) -> None:
        super().__init__(window)
        self._now = now
        self._zone = zone
        self._tray_available = tray_available
        self._icon = icon or QIcon()
        self._name = REMINDER_TITLE
        self._settings = Settings()
        self._due: datetime | None = None
        self.tray: QSystemTrayIcon | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def due(self) -> datetime | None:
        """The next reminder (aware UTC), or None when reminders are off or all quiet."""
        return self._due

    def set_identity(self, name: str, icon: QIcon) -> None:
        """The name and icon the tray and its messages show (discreet mode has its own)."""
        self._name, self._icon = name, icon
        if self.tray is not None:
            self.tray.setIcon(icon)
            self.tray.setToolTip(name)
            self._open_action.setText(f"Open {name}")

    def apply(self, settings: Settings) -> None:
        self._settings = settings
        self._show_tray(settings.tray_icon and self._tray_available())
        self._schedule()

    def stop(self) -> None:
        """At quit: no timer left, no icon left in the tray."""
        self._timer.stop()
        self._due = None
        self._show_tray(False)

    def check(self) -> None:
        """Give the reminder if its time has come, then wait for the next one."""
        if self._due is not None and self._now() >= self._due:
            self._remind()
        self._schedule()

    # --- inside ---------------------------------------------------------------------------------
    def _schedule(self) -> None:
        self._timer.stop()
        self._due = self._next() if self._settings.reminders_on else None
        if self._due is None:
            return
        wait = min(max(self._due - self._now(), timedelta(0)), LOOK_AGAIN)
        self._timer.start(max(1, round(wait.total_seconds() * 1000)))

    def _next(self) -> datetime | None:
        try:
            times = parse_times(self._settings.reminder_times)
            quiet = parse_quiet_hours(self._settings.quiet_hours)
        except ReminderTimeError:
            return None  # settings are checked on load; a bad value here means no reminders
        return next_reminder(times, self._now(), self._zone(), quiet)

    def _remind(self) -> None:
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(self._name, REMINDER_TEXT, self._icon, 10_000)
        self.reminded.emit(REMINDER_TEXT)

    def _on_timer_timeout(self) -> None:
        self.check()

    def _show_tray(self, shown: bool) -> None:
        if not shown:
            if self.tray is not None:
                self.tray.hide()
                self.tray.deleteLater()
                self.tray = None
            return
        if self.tray is None:
            self.tray = self._build_tray()
        self.tray.show()

    def _build_tray(self) -> QSystemTrayIcon:
        tray = QSystemTrayIcon(self._icon, self)
        tray.setToolTip(self._name)  # neutral: the app's name only
        menu = QMenu()
        open_action = QAction(f"Open {self._name}", menu)
        self._open_action = open_action
        open_action.triggered.connect(self.open_requested)
        quit_action = QAction("Quit", menu)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(open_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        tray.setContextMenu(menu)
        self._menu = menu  # the tray does not own its menu
        tray.activated.connect(self._on_tray_activated)
        tray.messageClicked.connect(self.open_requested)
        return tray

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()
