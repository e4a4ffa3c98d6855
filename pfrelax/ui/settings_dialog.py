"""The settings dialog: theme, animation, reduced motion, count-in, seconds count.

It edits a copy; the caller saves and applies `chosen()` when the dialog is accepted. Later
settings (sound, check-ins) add rows with `add_row`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.settings import ANIMATION_STYLES, THEMES, Settings
from pfrelax.ui import texts
from pfrelax.ui.a11y import name

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
STYLE_LABELS = {"orb": "Orb", "wave": "Wave", "path": "Path"}


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Settings — {texts.APP_TITLE}")
        self._settings = settings
        self.theme = _combo(THEMES, THEME_LABELS, settings.theme)
        name(self.theme, "Theme", "Light, dark, or follow the system")
        self.animation = _combo(ANIMATION_STYLES, STYLE_LABELS, settings.animation_style)
        name(self.animation, "Animation", "How the breathing pace is drawn")
        self.reduced_motion = QCheckBox("Reduce motion")
        self.reduced_motion.setChecked(settings.reduced_motion)
        name(
            self.reduced_motion,
            "Reduce motion",
            "Show the breath as a gentle change of brightness instead of movement",
        )
        self.count_in = QSpinBox()
        self.count_in.setRange(0, 10)
        self.count_in.setSuffix(" s")
        self.count_in.setValue(settings.count_in_seconds)
        name(self.count_in, "Count-in", "Seconds to get ready before a session starts (0 for none)")
        self.show_seconds = QCheckBox("Show the seconds left in each breath")
        self.show_seconds.setChecked(settings.show_seconds)
        name(self.show_seconds, "Seconds count", "Show a small count of the seconds in each phase")
        self._build_form()
        self.buttons = self._build_buttons()
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.buttons)

    def _build_form(self) -> None:
        self.form = QFormLayout()
        self.form.addRow("Theme", self.theme)
        self.form.addRow("Animation", self.animation)
        self.form.addRow("", self.reduced_motion)
        self.form.addRow("Count-in", self.count_in)
        self.form.addRow("", self.show_seconds)

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        name(ok, "OK", "Save these settings and close")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        name(cancel, "Cancel", "Close without changing the settings")
        return buttons

    def add_row(self, label: str, widget: QWidget) -> None:
        """For later settings sections (sound, check-ins)."""
        self.form.addRow(label, widget)

    def chosen(self) -> Settings:
        return self._settings.replace(
            theme=self.theme.currentData(),
            animation_style=self.animation.currentData(),
            reduced_motion=self.reduced_motion.isChecked(),
            count_in_seconds=self.count_in.value(),
            show_seconds=self.show_seconds.isChecked(),
        )


def _combo(values: tuple[str, ...], labels: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(labels.get(value, value.capitalize()), value)
    combo.setCurrentIndex(max(0, values.index(current) if current in values else 0))
    return combo
