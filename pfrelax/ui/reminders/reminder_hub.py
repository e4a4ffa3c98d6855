"""Everything reminders need from the app in one place: the Reminders timer and tray, the
"start with my computer" entry, and the one-time offer after a PT's pack is installed."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon, QWidget

from pfrelax.core.reminders import REMINDER_TITLE
from pfrelax.core.settings import Settings
from pfrelax.desktop.autostart import XdgAutostart, app_command
from pfrelax.ui.common.local_time import Now, system_zone, utc_now
from pfrelax.ui.privacy.discreet import DISCREET_NAME, app_icon
from pfrelax.ui.reminders.reminder_tray import Reminders

log = logging.getLogger(__name__)

OFFER_TITLE = "Reminders"
OFFER_TEXT = (
    "Would you like a gentle reminder at 08:30 and 19:00 while pfrelax is open? It only ever "
    "says “A few calm minutes”. You can change the times, or turn it off, in Settings."
)


class ReminderHub(QObject):
    """Built once the window has painted; the app tells it about every settings change."""

    def __init__(
        self,
        window: QWidget,
        current: Callable[[], Settings],
        apply_settings: Callable[[Settings], object],
        *,
        now: Now = utc_now,
        autostart: XdgAutostart | None = None,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._current = current
        self._apply_settings = apply_settings
        self._tray_available = tray_available
        self.autostart = autostart or XdgAutostart()
        self.reminders = Reminders(
            window, now, system_zone, tray_available=tray_available, icon=app_icon(False)
        )
        self.reminders.open_requested.connect(self._on_open_requested)
        self.offer: QMessageBox | None = None

    def apply(self, settings: Settings) -> None:
        name = DISCREET_NAME if settings.discreet_name else REMINDER_TITLE
        self.reminders.set_identity(name, app_icon(settings.discreet_name))
        self.reminders.apply(settings)
        if self.autostart.is_enabled() and self.autostart.is_discreet() != settings.discreet_name:
            try:  # the entry follows discreet mode: its name and icon show in session settings
                self.autostart.enable(app_command(), discreet=settings.discreet_name)
            except OSError as error:
                log.warning("autostart: %s could not be rewritten: %s", self.autostart.path, error)

    def dialog_options(self) -> tuple[bool, bool]:
        """What the Settings dialog shows: (whether a tray exists, whether autostart is on)."""
        return self._tray_available(), self.autostart.is_enabled()

    def set_autostart(self, wanted: bool) -> None:
        """Write or remove the autostart entry; a failure is said plainly, nothing else changes."""
        if wanted == self.autostart.is_enabled():
            return
        try:
            if wanted:
                self.autostart.enable(app_command(), discreet=self._current().discreet_name)
            else:
                self.autostart.disable()
        except OSError as error:
            QMessageBox.warning(
                self._window,
                "Start with my computer",
                f"pfrelax could not change {self.autostart.path} "
                f"({error.strerror or error}). Nothing else was changed.",
            )

    def offer_after_install(self, settings: Settings) -> None:
        """Once, after the first pack is installed, if reminders are off: ask, never assume."""
        if settings.reminders_on or settings.reminder_offered:
            return
        self._apply_settings(settings.replace(reminder_offered=True))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            OFFER_TITLE,
            OFFER_TEXT,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self._window,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        for button, text in (
            (QMessageBox.StandardButton.Yes, "Yes, remind me"),
            (QMessageBox.StandardButton.No, "Not now"),
        ):
            found = box.button(button)
            if found is not None:
                found.setText(text)
        box.finished.connect(self._on_offer_finished)
        self.offer = box
        box.open()

    def stop(self) -> None:
        self.reminders.stop()

    def _on_offer_finished(self, result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self._apply_settings(self._current().replace(reminders_on=True))

    def _on_open_requested(self) -> None:
        self._window.showNormal()
        self._window.raise_()
        self._window.activateWindow()
