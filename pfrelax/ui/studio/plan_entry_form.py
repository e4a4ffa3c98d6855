"""One plan entry: which session, in which weeks, on which days, how often a day, the PT's note and,
for a session with a dilator step, the suggested sizes; the validator's messages shown beneath."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from pfrelax.services.pack_plan import DAY_NAMES, MAX_TIMES, PlanEditor
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.studio.toml_fields import line

SIZES_OFF = "Sizes are suggested only for a session with a dilator step"


class PlanEntryForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor: PlanEditor | None = None
        self.index = -1
        self._loading = False
        self.session = QComboBox()
        name(self.session, "Session", "The session this entry plans")
        self.weeks = line("Weeks", 'Which weeks: "1-4", "3", or "1, 2, 5"')
        self.days = [QCheckBox(day.capitalize()) for day in DAY_NAMES]
        for box, day in zip(self.days, DAY_NAMES, strict=True):
            name(box, f"On {day.capitalize()}", "Whether the session is planned on this weekday")
        self.times = QSpinBox()
        self.times.setRange(1, MAX_TIMES)
        name(self.times, "Times a day", f"How often a day, 1 to {MAX_TIMES}")
        typed = self.times.findChild(QLineEdit)  # where the keyboard types: named the same
        if typed is not None:
            name(typed, "Times a day", f"How often a day, 1 to {MAX_TIMES}")
        self.note = line("Note", "A few words shown beside the session on Today (optional)")
        self.sizes = line("Sizes", 'Dilator sizes to suggest, by the patient\'s names: "2, 3"')
        self.problems = text_label()
        self.problems.setProperty("problem", True)
        self._layout()
        self._connect()

    def _layout(self) -> None:
        days = QHBoxLayout()
        for box in self.days:
            days.addWidget(box)
        days.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Session", self.session)
        form.addRow("Weeks", self.weeks)
        form.addRow("Days", days)
        form.addRow("Times a day", self.times)
        form.addRow("Note", self.note)
        form.addRow("Sizes", self.sizes)
        form.addRow(self.problems)

    def _connect(self) -> None:
        self.session.activated.connect(self._on_session)
        self.weeks.textEdited.connect(self._on_weeks)
        for box in self.days:
            box.toggled.connect(self._on_days)
        self.times.valueChanged.connect(self._on_times)
        self.note.textEdited.connect(self._on_note)
        self.sizes.textEdited.connect(self._on_sizes)

    # --- public -------------------------------------------------------------------------------
    def set_editor(self, editor: PlanEditor | None) -> None:
        self.editor = editor

    def load(self, index: int) -> None:
        """Show entry `index` (-1: none) without writing anything back."""
        rows = self.editor.rows() if self.editor is not None else []
        self.index = index if 0 <= index < len(rows) else -1
        self.setEnabled(self.index >= 0)
        self._loading = True
        try:
            self.session.clear()
            for session_id, title in self.editor.sessions() if self.editor else []:
                self.session.addItem(title, session_id)
            if self.index < 0:
                self.problems.setText("")
                return
            row = rows[self.index]
            self.session.setCurrentIndex(self.session.findData(row.session))
            table = self.editor.tables()[self.index] if self.editor else {}
            if not self.weeks.hasFocus():
                self.weeks.setText(_weeks_text(table.get("weeks", "")))
            for day, box in enumerate(self.days):
                box.setChecked(day in row.days)
            self.times.setValue(row.times_per_day)
            if not self.note.hasFocus():
                self.note.setText(row.note)
            if not self.sizes.hasFocus():
                self.sizes.setText(", ".join(row.sizes))
            self._show_sizes(row.session, bool(row.sizes))
            self.problems.setText("\n".join(row.problems))
        finally:
            self._loading = False

    # --- events -------------------------------------------------------------------------------
    def _ready(self) -> PlanEditor | None:
        return None if self._loading or self.index < 0 else self.editor

    def _on_session(self, _chosen: int) -> None:
        if editor := self._ready():
            editor.set_session(self.index, str(self.session.currentData()))
            self.edited.emit()

    def _on_weeks(self, text: str) -> None:
        if editor := self._ready():
            editor.set_weeks_text(self.index, text)
            self.edited.emit()

    def _on_days(self, _checked: bool) -> None:
        if editor := self._ready():
            editor.set_days(self.index, [d for d, box in enumerate(self.days) if box.isChecked()])
            self.edited.emit()

    def _on_times(self, times: int) -> None:
        if editor := self._ready():
            editor.set_times(self.index, times)
            self.edited.emit()

    def _on_note(self, text: str) -> None:
        if editor := self._ready():
            editor.set_note(self.index, text)
            self.edited.emit()

    def _on_sizes(self, text: str) -> None:
        if editor := self._ready():
            editor.set_sizes(self.index, text)
            self.edited.emit()

    def _show_sizes(self, session_id: str, has_sizes: bool) -> None:
        dilator = self.editor is not None and self.editor.has_dilator_step(session_id)
        # Sizes already written stay editable (and the check names the problem) so they can go.
        self.sizes.setEnabled(dilator or has_sizes)
        self.sizes.setToolTip("" if dilator else SIZES_OFF)


def _weeks_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(week) for week in value)
    return str(value)


def button(text: str, description: str) -> QPushButton:
    widget = QPushButton(text)
    name(widget, text, description)
    return widget
