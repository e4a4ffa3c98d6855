"""Form fields bound to one key of a tomlkit table: typing changes the document at once.

An emptied optional field removes its key (the file then reads as if it was never written);
a field left alone never touches the document, so hand-written values keep their exact form.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from pfrelax.core.pattern import Pattern
from pfrelax.ui.common.a11y import name

Table = MutableMapping[str, Any]


def number_or_text(text: str) -> int | float | str:
    """ "4" → 4, "4.5" → 4.5, "4-6" → "4-6": what a person would have typed in the file."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


class Binder(QObject):
    """Tells the window a value changed, so it can mark the pack as changed."""

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: Table | None = None
        self._loading = False

    def bind_line(self, field: QLineEdit, key: str, convert: Callable[[str], object] = str) -> None:
        field.textEdited.connect(lambda text: self._set(key, text.strip(), convert))

    def bind_text(self, field: QPlainTextEdit, key: str) -> None:
        field.textChanged.connect(lambda: self._set(key, field.toPlainText().strip(), str))

    def bind_choice(self, field: QComboBox, key: str) -> None:
        field.activated.connect(lambda _i: self._set(key, str(field.currentData() or ""), str))

    def load(self, table: Table | None, fields: dict[str, QWidget]) -> None:
        """Show `table`'s values in `fields` (by key) without writing anything back."""
        self._table = table
        self._loading = True
        try:
            for key, field in fields.items():
                value = "" if table is None else table.get(key, "")
                shown = _shown(value)
                if isinstance(field, QLineEdit):
                    field.setText(shown)
                    if not field.hasFocus():  # a long summary shows its start, not its end
                        field.setCursorPosition(0)
                elif isinstance(field, QPlainTextEdit):
                    field.setPlainText(shown)
                elif isinstance(field, QComboBox):
                    field.setCurrentIndex(max(0, field.findData(shown)))
                field.setEnabled(table is not None)
        finally:
            self._loading = False

    def _set(self, key: str, text: str, convert: Callable[[str], object]) -> None:
        if self._loading or self._table is None:
            return
        if text:
            self._table[key] = convert(text)
        elif key in self._table:
            del self._table[key]
        self.edited.emit()


def _shown(value: object) -> str:
    """A value as its field shows it: a pattern written as a table reads as its shorthand
    ("2+1-0-6-0"), which is also what is written back if the PT changes it."""
    if isinstance(value, dict) and "inhale" in value and "exhale" in value:
        try:
            pattern = Pattern(
                **{f"{phase}_ms": round(float(seconds) * 1000) for phase, seconds in value.items()}
            )
        except (TypeError, ValueError):
            return str(dict(value))
        return pattern.shorthand()
    return "" if value is None else str(value)


def line(label: str, description: str) -> QLineEdit:
    field = QLineEdit()
    name(field, label, description)
    return field


def text_box(label: str, description: str) -> QPlainTextEdit:
    field = QPlainTextEdit()
    field.setTabChangesFocus(True)  # Tab moves on, as in every other field of the form
    name(field, label, description)
    return field


def choice(label: str, description: str, values: tuple[tuple[str, str], ...]) -> QComboBox:
    field = QComboBox()
    for value, text in values:
        field.addItem(text, value)
    # A long choice is shown whole in the open list; closed, the box may be narrower (200 %).
    field.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    field.setMinimumContentsLength(8)
    name(field, label, description)
    return field
