"""The global-change question (CLINICAL.md §3): seven plain answers, Save or Skip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.global_change import ANSWERS, QUESTION
from pfrelax.services.errors import StoreError
from pfrelax.services.global_change import GlobalChange
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.screen_fit import fit_to_screen
from pfrelax.ui.common.theme import scaled_font

TITLE = "A question about change"
HINT = "Asked every few weeks. There is no right answer; skip it if you like."
TEXT_CHARS = 56  # the width the question wraps at, in average characters of the body font


class GlobalChangeDialog(QDialog):
    """Saves the chosen answer through `service` and emits `answered(value)` (1–7)."""

    answered = Signal(int)

    def __init__(self, service: GlobalChange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setWindowTitle(TITLE)
        heading = QLabel(QUESTION, self)
        heading.setWordWrap(True)
        heading.setFont(scaled_font(self.font(), 1.2))
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.answers = [QRadioButton(words, self) for words in ANSWERS]
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addWidget(hint)
        for value, button in enumerate(self.answers, start=1):
            self.group.addButton(button, value)
            column.addWidget(button)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        column.addWidget(self.problem)
        self.save_button = QPushButton("Save", self)
        self.save_button.setProperty("accent", True)
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.skip_button = QPushButton("Skip", self)
        self.skip_button.setAutoDefault(False)
        name(self.save_button, "Save", "Save your answer (Enter)")
        name(self.skip_button, "Skip", "Close without saving anything (Esc)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        column.addLayout(buttons)
        self.group.idToggled.connect(self._on_group_toggled)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.skip_button.clicked.connect(self.reject)
        self.answers[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Wide enough that the question wraps little, as tall as its wrapped words need: Qt's
        own first size (two thirds of a 200 % screen's height at most) overlapped its lines."""
        self.ensurePolished()
        width = self.fontMetrics().averageCharWidth() * TEXT_CHARS
        layout = self.layout()
        assert layout is not None  # set above
        needed = QSize(width, layout.totalHeightForWidth(width))
        fit_to_screen(self, needed, needed)

    def _on_group_toggled(self, _value: int, _checked: bool) -> None:
        self.save_button.setEnabled(self.group.checkedId() > 0)

    def _on_save_clicked(self) -> None:
        value = self.group.checkedId()
        if value <= 0:
            return
        try:
            self._service.save(value)
        except StoreError as error:  # one transaction: nothing was written
            self.problem.setText(f"Your answer was not saved: {error}")
            self.problem.show()
            return
        self.answered.emit(value)
        self.accept()


def ask_global_change_when_due(
    parent: QWidget | None, service: GlobalChange
) -> GlobalChangeDialog | None:
    """Open the question (window-modal, not blocking) if a plan week 4, 8, 12 or 20 has come and
    it is not yet answered; None otherwise."""
    if service.due_week() is None:
        return None
    dialog = GlobalChangeDialog(service, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
