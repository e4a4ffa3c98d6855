"""A form field with the validator's message for it shown right under it (and read out with it)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pfrelax.ui.common.labels import text_label


class FieldNotes:
    """The notes of one form: `add` a field under its key, `show` the messages by key."""

    def __init__(self) -> None:
        self.notes: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._descriptions: dict[str, str] = {}

    def add(self, key: str, field: QWidget) -> QWidget:
        """`field` with an (empty, hidden) note under it: what goes in the form's row."""
        note = text_label(quiet=True)
        note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        note.setProperty("problem", True)
        note.setVisible(False)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        column.addWidget(note)
        self.notes[key] = note
        self._fields[key] = field
        self._descriptions[key] = field.accessibleDescription()
        return holder

    def show(self, messages: Mapping[str, str]) -> None:
        """Each field's message (none: its note hides); a screen reader hears it with the field."""
        for key, note in self.notes.items():
            message = messages.get(key, "")
            note.setText(message)
            note.setVisible(bool(message))
            base = self._descriptions[key]
            described = f"{base}. Problem: {message}" if message else base
            self._fields[key].setAccessibleDescription(described)

    def shown(self) -> dict[str, str]:
        """The messages on show, by key (for tests and the window's jump to a problem)."""
        return {key: note.text() for key, note in self.notes.items() if note.text()}
