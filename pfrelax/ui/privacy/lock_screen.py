"""The lock screen: neutral (no session, no data), one passphrase field and calm words."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.app_name import app_name
from pfrelax.ui.common.labels import text_label

ASK_TEXT = "Enter your passphrase to continue."
WRONG_TEXT = "That passphrase did not open it. Take your time and try again."
CHECKING_TEXT = "Checking…"


def locked_text() -> str:
    """The lock screen's title, with the name the app goes by now (Calm in discreet mode)."""
    return f"{app_name()} is locked."


def wait_text(seconds: float) -> str:
    whole = max(1, round(seconds))
    return f"That passphrase did not open it. You can try again in {whole} s."


class LockScreen(QWidget):
    """Shown in place of everything while the app is locked; emits what the person typed."""

    passphrase_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.title = text_label(locked_text(), factor=1.4)
        self.message = text_label(ASK_TEXT, quiet=True)
        # The quiet colour from the palette (the theme's, for placeholders too): the lock screen
        # has no style sheet of its own for the "quiet" property.
        self.message.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMinimumWidth(280)
        self.field.setPlaceholderText("Passphrase")
        name(self.field, "Passphrase", "Type your passphrase and press Enter to unlock")
        self.unlock_button = QPushButton("Unlock")
        name(self.unlock_button, "Unlock", "Unlock with the passphrase typed above")
        self.field.returnPressed.connect(self._on_field_return_pressed)
        self.unlock_button.clicked.connect(self._on_field_return_pressed)
        self._build()

    def _build(self) -> None:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.field)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for label in (self.title, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
            layout.addSpacing(4)  # the title and the request each get their own room
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(3)

    def reset(self) -> None:
        """Ready for a passphrase: empty field, the plain request, focus in the field."""
        self.title.setText(locked_text())
        self.field.clear()
        self.message.setText(ASK_TEXT)
        self.set_waiting(False)
        self.field.setFocus()

    def set_waiting(self, waiting: bool) -> None:
        """While a wrong try's delay runs (or a key is derived), nothing can be typed."""
        self.field.setEnabled(not waiting)
        self.unlock_button.setEnabled(not waiting)
        if not waiting:
            self.field.setFocus()

    def show_wrong(self, wait_s: float) -> None:
        self.field.clear()
        self.message.setText(wait_text(wait_s) if wait_s > 0 else WRONG_TEXT)
        self.set_waiting(wait_s > 0)

    def _on_field_return_pressed(self) -> None:
        typed = self.field.text()
        if typed:
            self.message.setText(CHECKING_TEXT)
            self.passphrase_entered.emit(typed)
