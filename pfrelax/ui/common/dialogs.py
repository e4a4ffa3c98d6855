"""How the composition's parts show a dialog without reaching for Qt themselves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def open_once(dialog: QDialog) -> None:
    """Open `dialog` window-modal without blocking; it is deleted when closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def say(parent: QWidget, title: str, text: str) -> None:
    """A plain note the person closes with OK (it waits for them)."""
    QMessageBox.information(parent, title, text)
