"""The short log after practice (CLINICAL.md §2b): size, how far, minutes, two ratings, a note.

Size and how far are needed to save; everything else may stay empty. Skip (or Esc) closes without
storing anything, always. The person's size names are asked once, here, the first time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.clock import Clock
from pfrelax.core.own_questions import OwnQuestion
from pfrelax.core.practice_log import (
    DEPTH_WORDS,
    DEPTHS,
    MAX_MINUTES,
    PracticeEntry,
    parse_size_names,
)
from pfrelax.services.dilator_log import DilatorLog
from pfrelax.services.errors import StoreError
from pfrelax.ui.checkin.rating_scale import RatingScale
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.screen_fit import fit_to_screen
from pfrelax.ui.common.scrolling import FittingScrollArea
from pfrelax.ui.common.theme import scaled_font

TITLE = "After practice"  # discreet: window titles show in task bars and switchers
HEADING = "How did it go?"
HINT = "Only what you like to note. There is no target; whatever you did counts."
SIZES_HINT = "Your set's size names, once (for example 1, 2, 3 or XS, S, M)"
NOTE_PLACEHOLDER = "What went well? (optional, stays on this computer)"
DEFAULT_MINUTES = 10
READING_WIDTH_EM = 32
INSERTION_PAIN = OwnQuestion("insertion_pain", "Pain on insertion", "none", "worst imaginable")
ANXIETY = OwnQuestion("anxiety", "Anxiety while practising", "calm", "worst imaginable")


class PracticeLogDialog(QDialog):
    """Saves one entry through `log` and emits `logged(log_id)`; Skip saves nothing."""

    logged = Signal(int)

    def __init__(
        self,
        log: DilatorLog,
        parent: QWidget | None = None,
        *,
        run_id: int | None = None,
        minutes: int | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self._log = log
        self._run_id = run_id
        self.saved_id: int | None = None
        self.setWindowTitle(TITLE)
        self.sizes = QComboBox(self)
        name(self.sizes, "Size", "The size you used, by your set's names")
        self.size_names = QLineEdit(self)
        self.size_names.setPlaceholderText(SIZES_HINT)
        name(self.size_names, "Size names", SIZES_HINT)
        self.edit_sizes = QPushButton("Change size names", self)
        self.edit_sizes.setAutoDefault(False)
        self.depth_group = QButtonGroup(self)
        self.depth_buttons = [QRadioButton(DEPTH_WORDS[d], self) for d in DEPTHS]
        for index, button in enumerate(self.depth_buttons):
            self.depth_group.addButton(button, index)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, MAX_MINUTES)
        self.minutes.setValue(DEFAULT_MINUTES if minutes is None else min(minutes, MAX_MINUTES))
        self.minutes.setSuffix(" min")
        name(self.minutes, "Minutes", "How many minutes you practised")
        self.pain = RatingScale(INSERTION_PAIN, clock=clock, parent=self)
        self.anxiety = RatingScale(ANXIETY, clock=clock, parent=self)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(NOTE_PLACEHOLDER)
        name(self.note, "What went well", "Anything that went well this time (optional)")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.save_button = QPushButton("Save", self)
        self.save_button.setProperty("accent", True)
        self.save_button.setDefault(True)
        self.skip_button = QPushButton("Skip", self)
        self.skip_button.setAutoDefault(False)
        name(self.save_button, "Save", "Save this log (Enter)")
        name(self.skip_button, "Skip", "Close without saving anything (Esc)")
        QVBoxLayout(self).addWidget(self._build_form())
        self._show_sizes(log.size_names())
        self.size_names.textChanged.connect(self._on_names_typed)
        self.sizes.currentIndexChanged.connect(self._on_changed)
        self.depth_group.idToggled.connect(self._on_changed)
        self.edit_sizes.clicked.connect(self._on_edit_sizes)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.skip_button.clicked.connect(self.reject)
        self._on_changed()
        self._fit()

    def _build_form(self) -> QWidget:
        form = QWidget(self)
        column = QVBoxLayout(form)
        column.setSpacing(12)
        heading = QLabel(HEADING, form)
        heading.setFont(scaled_font(self.font(), 1.3))
        column.addWidget(heading)
        hint = QLabel(HINT, form)
        hint.setWordWrap(True)
        column.addWidget(hint)
        inner = QWidget()
        rows = QVBoxLayout(inner)
        rows.setContentsMargins(0, 0, 0, 0)
        size_row = QHBoxLayout()
        size_label = QLabel("Size", inner)
        size_label.setBuddy(self.sizes)
        size_row.addWidget(size_label)
        size_row.addWidget(self.sizes, 1)
        size_row.addWidget(self.size_names, 1)
        size_row.addWidget(self.edit_sizes)
        rows.addLayout(size_row)
        rows.addWidget(QLabel("How far", inner))
        depth_row = QHBoxLayout()
        for button in self.depth_buttons:
            depth_row.addWidget(button)
        depth_row.addStretch(1)
        rows.addLayout(depth_row)
        minutes_row = QHBoxLayout()
        minutes_label = QLabel("Minutes", inner)
        minutes_label.setBuddy(self.minutes)
        minutes_row.addWidget(minutes_label)
        minutes_row.addWidget(self.minutes)
        minutes_row.addStretch(1)
        rows.addLayout(minutes_row)
        rows.addWidget(self.pain)
        rows.addWidget(self.anxiety)
        rows.addWidget(self.note)
        column.addWidget(FittingScrollArea(inner, form), 1)
        column.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        column.addLayout(buttons)
        return form

    def _fit(self) -> None:
        self.ensurePolished()
        em = self.fontMetrics().height()
        wanted = self.sizeHint().expandedTo(QSize(em * READING_WIDTH_EM, 0))
        fit_to_screen(self, wanted, self.minimumSizeHint())

    def _show_sizes(self, names: tuple[str, ...]) -> None:
        """The names to choose from; with none yet, a field to type them into as well."""
        self._typing = not names
        self.sizes.addItems(list(names))
        self.edit_sizes.setVisible(bool(names))
        self.size_names.setVisible(not names)

    def _on_names_typed(self, text: str) -> None:
        """The list follows what is typed, keeping the size chosen if it is still there."""
        chosen = self.sizes.currentText()
        self.sizes.blockSignals(True)
        self.sizes.clear()
        self.sizes.addItems(list(parse_size_names(text)))
        self.sizes.setCurrentText(chosen)
        self.sizes.blockSignals(False)
        self._on_changed()

    def _on_edit_sizes(self) -> None:
        self._typing = True
        self.size_names.setText(", ".join(self._log.size_names()))
        self.edit_sizes.hide()
        self.size_names.show()
        self.size_names.setFocus(Qt.FocusReason.OtherFocusReason)

    def entry(self) -> PracticeEntry | None:
        """What Save would store, or None while size or how far is missing."""
        size, depth = self.sizes.currentText(), self.depth_group.checkedId()
        if not size or depth < 0:
            return None
        return PracticeEntry(
            size,
            DEPTHS[depth],
            self.minutes.value(),
            self.pain.value() if self.pain.is_rated else None,
            self.anxiety.value() if self.anxiety.is_rated else None,
            self.note.text().strip(),
        )

    def _on_changed(self, *_args: object) -> None:
        self.save_button.setEnabled(self.entry() is not None)

    def _on_save_clicked(self) -> None:
        entry = self.entry()
        if entry is None:
            return
        try:
            if self._typing:  # kept only with a saved log: Skip leaves everything as it was
                self._log.set_size_names(self.size_names.text())
            self.saved_id = self._log.save(entry, self._run_id)
        except (StoreError, ValueError) as error:  # one transaction: nothing was written
            self.problem.setText(f"Your log was not saved: {error}")
            self.problem.show()
            return
        self.logged.emit(self.saved_id)
        self.accept()


def ask_dilator_log(
    parent: QWidget | None,
    log: DilatorLog,
    *,
    run_id: int | None = None,
    minutes: int | None = None,
) -> PracticeLogDialog:
    """Open the practice log (window-modal, not blocking) after a dilator step; returns it so the
    caller can connect `logged` or `finished`. Skip is always possible."""
    dialog = PracticeLogDialog(log, parent, run_id=run_id, minutes=minutes)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class Practised(Protocol):
    """What the player knows once a dilator step is over (session_flow.DilatorPractice)."""

    @property
    def run_id(self) -> int | None: ...

    @property
    def practised_ms(self) -> int: ...


class LogAfterPractice:
    """The hook for `SessionFlow.after_dilator_step`: the log first, then `then()` (the after
    check-in) once it closes, saved or skipped. Without a writable history, `then()` at once.

    `log` is asked for the service each time, so a history opened later is used."""

    def __init__(self, parent: QWidget | None, log: Callable[[], DilatorLog | None]) -> None:
        self._parent = parent
        self._log = log
        self.dialog: PracticeLogDialog | None = None  # the last one asked (kept alive here)

    def __call__(self, practice: Practised, then: Callable[[], None]) -> None:
        service = self._log()
        if service is None:
            then()
            return
        minutes = max(1, round(practice.practised_ms / 60_000))
        self.dialog = ask_dilator_log(
            self._parent, service, run_id=practice.run_id, minutes=minutes
        )
        self.dialog.finished.connect(lambda _result: then())
