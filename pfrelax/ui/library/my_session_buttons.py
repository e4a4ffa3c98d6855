"""The library's ways to make sessions one's own: "Make a copy to change" under any session,
Edit / Rename / Delete under one's own, and the bar that offers Undo after a delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QToolButton, QWidget

from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.labels import text_label

if TYPE_CHECKING:
    from pfrelax.core.session import Session


class MySessionButtons(QWidget):
    """Shown in the session details; the buttons match what the chosen session allows."""

    copy_clicked = Signal()
    edit_clicked = Signal()
    rename_clicked = Signal()
    delete_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.copy = _button("Make a copy to change", "Make a session of your own from this one")
        self.edit = _button("Edit…", "Change this session of your own")
        self.rename = _button("Rename…", "Give this session of your own another name")
        self.delete = _button("Delete", "Delete this session of your own (you can undo it)")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.edit, self.rename, self.delete, self.copy):
            row.addWidget(button)
        row.addStretch(1)
        self.copy.clicked.connect(self.copy_clicked)
        self.edit.clicked.connect(self.edit_clicked)
        self.rename.clicked.connect(self.rename_clicked)
        self.delete.clicked.connect(self.delete_clicked)

    def buttons(self) -> tuple[QToolButton, ...]:
        return (self.edit, self.rename, self.delete, self.copy)

    def show_for(self, session: Session | None) -> None:
        mine = session is not None and session.personal
        self.copy.setVisible(session is not None and not mine)
        for button in (self.edit, self.rename, self.delete):
            button.setVisible(mine)


class UndoBar(QFrame):
    """ "“Evening” was deleted. Undo" (the library also takes Ctrl+Z while it shows)."""

    undo_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("undoBar", True)
        self.message = text_label()
        self.undo = QPushButton("Undo")
        name(self.undo, "Undo", "Put the deleted session back")
        self.dismiss = QToolButton()
        self.dismiss.setText("Close")
        self.dismiss.setAutoRaise(True)
        name(self.dismiss, "Close", "Hide this message")
        row = QHBoxLayout(self)
        row.addWidget(self.message, 1)
        row.addWidget(self.undo)
        row.addWidget(self.dismiss)
        self.undo.clicked.connect(self.undo_clicked)
        self.dismiss.clicked.connect(self.hide)
        self.hide()

    def offer(self, title: str) -> None:
        self.message.setText(f"“{title}” was deleted.")
        self.show()


def _button(text: str, description: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setAutoRaise(True)
    name(button, text.rstrip("…"), description)
    return button
