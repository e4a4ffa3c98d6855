"""Settings → Privacy: the lock's settings rows, and the dialog that sets, changes or removes
the passphrase (saying before it is set that a forgotten one cannot be recovered)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.settings import Settings
from pfrelax.services.privacy import (
    NO_RECOVERY,
    DatabaseKey,
    PassphraseRejectedError,
    Privacy,
    StoreError,
)
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.app_name import app_name

# What the dialog asks the app to do: run one change on the history it has open.
Change = Callable[[Callable[[Privacy], DatabaseKey | None]], None]

PLAIN_STATUS = (
    "Your history is not encrypted. Anyone who can use this computer account, or copies the "
    "data folder, can read it."
)
ENCRYPTED_STATUS = (
    "Your history is encrypted with your passphrase, and pfrelax locks when you step away."
)
DIFFERENT = "The two new passphrases are not the same. Type them again."
IN_SESSION_TEXT = "Also lock during a session when I’m away"
IN_SESSION_HINT = (
    "A session then pauses and goes quiet after those minutes, even with your eyes closed."
)


class PrivacyFields:
    """The rows of the settings dialog: when the lock comes on, and the passphrase button."""

    def __init__(self, settings: Settings) -> None:
        self.heading = QLabel("Privacy")
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSuffix(" min")
        self.idle_minutes.setSpecialValueText("Never")
        self.idle_minutes.setValue(settings.lock_idle_minutes)
        name(
            self.idle_minutes,
            "Lock after",
            "Minutes without a key or a click before pfrelax locks, when a passphrase is set",
        )
        self.in_session = QCheckBox(IN_SESSION_TEXT)
        self.in_session.setChecked(settings.lock_in_session)
        name(
            self.in_session,
            "Lock during a session",
            "Count the minutes without a key or a click while a session plays, too",
        )
        self.in_session_hint = QLabel(IN_SESSION_HINT)
        self.in_session_hint.setWordWrap(True)
        # A note's quieter colour (the theme's quiet text, which it gives placeholders too).
        self.in_session_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.on_minimise = QCheckBox("Lock when the window is minimised")
        self.on_minimise.setChecked(settings.lock_on_minimise)
        name(self.on_minimise, "Lock when minimised", "Only when a passphrase is set")
        self.discreet = QCheckBox("Discreet: call the app “Calm” and name saved files by date")
        self.discreet.setChecked(settings.discreet_name)
        name(self.discreet, "Discreet name", "A neutral name in the title bar and taskbar")
        self.passphrase_button = QPushButton("Passphrase…")
        name(self.passphrase_button, "Passphrase", "Set, change or remove your passphrase")

    def add_to(self, form: QFormLayout, heading_font_from: QLabel) -> None:
        self.heading.setFont(heading_font_from.font())
        form.addRow(self.heading)
        form.addRow("Lock after", self.idle_minutes)
        form.addRow("", self._with_hint(self.in_session, self.in_session_hint))
        form.addRow("", self.on_minimise)
        form.addRow("", self.discreet)
        form.addRow("", self.passphrase_button)

    @staticmethod
    def _with_hint(box: QCheckBox, hint: QLabel) -> QWidget:
        """The tick box with its note right under it, lined up with the box's words."""
        style = box.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, box)
        indent += style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, box)
        hint.setContentsMargins(indent, 0, 0, 0)
        pair = QWidget()
        column = QVBoxLayout(pair)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(box)
        column.addWidget(hint)
        return pair

    def changes(self) -> dict[str, object]:
        return {
            "lock_idle_minutes": self.idle_minutes.value(),
            "lock_in_session": self.in_session.isChecked(),
            "lock_on_minimise": self.on_minimise.isChecked(),
            "discreet_name": self.discreet.isChecked(),
        }


class PrivacyDialog(QDialog):
    """Set a passphrase (plain history), or change or remove it (encrypted history)."""

    def __init__(self, encrypted: bool, change: Change, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Passphrase — {app_name()}")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self._change = change
        self.encrypted = encrypted
        self.status = _wrapped(ENCRYPTED_STATUS if encrypted else PLAIN_STATUS)
        self.warning = _wrapped(NO_RECOVERY)
        self.message = _wrapped("")
        self.current = _secret("Current passphrase", "The passphrase you use now")
        self.new = _secret("New passphrase", "At least 8 characters; a few words work well")
        self.again = _secret("New passphrase again", "The same passphrase, to be sure of it")
        self.set_button = QPushButton("Set passphrase")
        self.change_button = QPushButton("Change passphrase")
        self.remove_button = QPushButton("Remove passphrase")
        self.close_button = QPushButton("Close")
        self._build()
        self.set_button.clicked.connect(self._on_set_clicked)
        self.change_button.clicked.connect(self._on_change_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.close_button.clicked.connect(self.reject)

    def _build(self) -> None:
        form = QFormLayout()
        if self.encrypted:
            form.addRow("Current passphrase", self.current)
        form.addRow("New passphrase", self.new)
        form.addRow("Again", self.again)
        buttons = QHBoxLayout()
        shown = (self.change_button, self.remove_button) if self.encrypted else (self.set_button,)
        for button in shown:
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        for label in (self.status, self.warning):
            column.addWidget(label)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addLayout(buttons)
        (self.current if self.encrypted else self.new).setFocus()

    def _on_set_clicked(self) -> None:
        new = self._new()
        if new is not None:
            self._run(lambda privacy: privacy.set_passphrase(new), "Your history is encrypted.")

    def _on_change_clicked(self) -> None:
        current, new = self.current.text(), self._new()
        if new is not None:
            self._run(
                lambda privacy: privacy.change_passphrase(current, new),
                "Your history is encrypted under the new passphrase.",
            )

    def _on_remove_clicked(self) -> None:
        current = self.current.text()

        def remove(privacy: Privacy) -> None:
            privacy.remove_passphrase(current)

        self._run(remove, "Your history is no longer encrypted.")

    def _new(self) -> str | None:
        if self.new.text() != self.again.text():
            self.message.setText(DIFFERENT)
            self.new.clear()
            self.again.clear()
            self.new.setFocus()
            return None
        return self.new.text()

    def _run(self, action: Callable[[Privacy], DatabaseKey | None], done: str) -> None:
        try:
            self._change(action)
        except (StoreError, PassphraseRejectedError) as error:
            self.message.setText(str(error))
            return
        finally:
            for field in (self.current, self.new, self.again):
                field.clear()
        self.message.setText(done)
        self.done_text = done
        self.accept()


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _secret(accessible: str, description: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    name(field, accessible, description)
    return field
