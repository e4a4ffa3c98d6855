"""The Reminders part of Settings: on or off, at what times, quiet hours, the tray icon, and
starting with the computer. A time that cannot be read says how to write it and holds OK back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from pfrelax.core.reminders import ReminderTimeError, parse_quiet_hours, parse_times
from pfrelax.core.settings import Settings
from pfrelax.ui.common.a11y import name

NO_TRAY = "This desktop shows no tray icons; reminders still come while pfrelax is open."


class ReminderFields(QWidget):
    """Rows for the settings form; `valid` says whether OK may save them."""

    validity_changed = Signal(bool)

    def __init__(
        self,
        settings: Settings,
        *,
        tray_available: bool,
        autostart: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox("Remind me gently to practise")
        self.enabled.setChecked(settings.reminders_on)
        name(self.enabled, "Reminders", "A quiet note at the times you choose, while pfrelax runs")
        self.times = QLineEdit(settings.reminder_times.replace(",", ", "))
        name(self.times, "Reminder times", "Times of day, like 08:30, 19:00")
        self.quiet = QLineEdit(settings.quiet_hours)
        name(
            self.quiet, "Quiet hours", "No reminders in this span, like 22:00-07:00; empty for none"
        )
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setProperty("quiet", True)
        self.problem.hide()
        self.tray = QCheckBox("Show an icon in the system tray")
        self.tray.setChecked(settings.tray_icon and tray_available)
        self.tray.setEnabled(tray_available)
        name(
            self.tray,
            "Tray icon",
            "Keep pfrelax within reach in the tray" if tray_available else NO_TRAY,
        )
        if not tray_available:
            self.tray.setToolTip(NO_TRAY)
        self.autostart = QCheckBox("Start pfrelax when I log in")
        self.autostart.setChecked(autostart)
        name(self.autostart, "Start with my computer", "Open pfrelax quietly when you log in")
        for field in (self.times, self.quiet):
            field.textChanged.connect(self._check)
        self.enabled.toggled.connect(self._check)
        self._valid = True
        self._check()

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow("", self.enabled)
        form.addRow("Times", self.times)
        form.addRow("Quiet hours", self.quiet)
        form.addRow("", self.problem)
        form.addRow("", self.tray)
        form.addRow("", self.autostart)

    @property
    def valid(self) -> bool:
        return self._valid

    def chosen(self, settings: Settings) -> Settings:
        if not self._valid:
            return settings
        return settings.replace(
            reminders_on=self.enabled.isChecked(),
            reminder_times=",".join(f"{at:%H:%M}" for at in parse_times(self.times.text())),
            quiet_hours=self.quiet.text().strip(),
            tray_icon=self.tray.isChecked(),
        )

    def _check(self) -> None:
        problem = ""
        try:
            parse_times(self.times.text())
            parse_quiet_hours(self.quiet.text())
        except ReminderTimeError as error:
            problem = str(error)
            problem = problem[:1].upper() + problem[1:]
        for field in (self.times, self.quiet):
            field.setEnabled(self.enabled.isChecked())
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        valid = not problem
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
