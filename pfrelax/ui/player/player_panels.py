"""The calm panels around a session: before it starts (safety, stop rules) and after it ends."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core import texts as product
from pfrelax.core.completion import minutes_words
from pfrelax.core.durations import format_clock
from pfrelax.core.session import Session
from pfrelax.ui.common import texts
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.common.scrolling import FittingScrollArea
from pfrelax.ui.common.theme import scaled_font

_TEXT_WIDTH_EM = 36  # a comfortable reading measure, in multiples of the font height


def _column(widget: QWidget) -> QVBoxLayout:
    """A centred column a comfortable reading width wide, a little above the middle; it
    scrolls when the window is shorter than the text (200 % on a small screen)."""
    body = QWidget()
    body.setMaximumWidth(widget.fontMetrics().height() * _TEXT_WIDTH_EM)
    body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
    column = QVBoxLayout(body)
    column.setSpacing(round(widget.fontMetrics().height() * 0.9))
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(body, 100)
    row.addStretch(1)
    content = QWidget()
    middle = QVBoxLayout(content)
    middle.addStretch(1)
    middle.addLayout(row)
    middle.addStretch(2)
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(FittingScrollArea(content, widget))
    return column


class PreStartPanel(QWidget):
    """What the session is, its safety note, the stop rules, and one Start button."""

    start_clicked = Signal()
    stop_rules_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label(factor=1.8)
        self.title.setFont(scaled_font(self.font(), 1.8, QFont.Weight.Light))
        self.length = text_label(quiet=True)
        self.summary = text_label(factor=1.1)
        self.safety = text_label()
        self.safety.setProperty("note", True)
        self.safety.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.what_next = text_label(quiet=True)  # what Start does: a check-in first, or not
        self.stop_rules = text_label(quiet=True)
        self.stop_rules.setText(product.stop_rules()[0] + "\n" + product.you_can_stop())
        self.stop_rules_button = QPushButton("All stop rules and safety")
        self.stop_rules_button.setFlat(True)
        self.stop_rules_button.setProperty("link", True)
        self.stop_rules_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.stop_rules_button.clicked.connect(self.stop_rules_clicked)
        name(
            self.stop_rules_button,
            "All stop rules and safety",
            "Read when to stop, and who should ask a clinician first",
        )
        self.start_button = QPushButton("Start")
        self.start_button.setDefault(True)
        self.start_button.setAutoDefault(True)
        self.start_button.setProperty("accent", True)
        self.start_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.start_button.setMinimumWidth(self.fontMetrics().height() * 9)
        self.start_button.clicked.connect(self.start_clicked)
        name(self.start_button, "Start", "Begin the session after a short count-in (Space)")
        column = _column(self)
        for widget in (self.title, self.length, self.summary, self.safety, self.stop_rules):
            column.addWidget(widget)
        column.addWidget(self.stop_rules_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(self.fontMetrics().height())
        column.addWidget(self.what_next)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_session(self, session: Session, duration_ms: int, *, checkin_first: bool) -> None:
        self.title.setText(session.title)
        self.length.setText(
            f"{format_clock(duration_ms)} · {texts.count_steps(len(session.steps))}"
        )
        self.summary.setText(session.summary)
        self.summary.setVisible(bool(session.summary))
        self.safety.setText(session.safety)
        self.safety.setVisible(bool(session.safety))
        self.what_next.setText(texts.CHECKIN_FIRST if checkin_first else texts.NO_CHECKIN)
        self.start_button.setAccessibleDescription(
            f"Begin “{session.title}” after a short count-in (Space)"
        )


class EndPanel(QWidget):
    """ "Session complete. Notice how you feel." — with room for a check-in below."""

    back_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = text_label(product.session_complete(), factor=1.8)
        self.message.setFont(scaled_font(self.font(), 1.8, QFont.Weight.Light))
        self.detail = text_label(quiet=True)
        self.note = text_label(factor=1.1)  # e.g. after a dilator step: whatever you did counts
        self.note.hide()
        # The check-in engineer adds the "after" check-in here (see `follow_up`).
        self.follow_up = QFrame()
        self.follow_up.setFrameShape(QFrame.Shape.NoFrame)
        self.follow_up_layout = QVBoxLayout(self.follow_up)
        self.follow_up_layout.setContentsMargins(0, 0, 0, 0)
        self.follow_up.hide()
        self.back_button = QPushButton("Back to library")
        self.back_button.setAutoDefault(True)
        self.back_button.setDefault(True)
        self.back_button.setProperty("accent", True)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.setMinimumWidth(self.fontMetrics().height() * 9)
        self.back_button.clicked.connect(self.back_clicked)
        name(self.back_button, "Back to library", "Return to the list of sessions")
        column = _column(self)
        column.addWidget(self.message)
        column.addWidget(self.detail)
        column.addWidget(self.note)
        column.addWidget(self.follow_up)
        column.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_end(
        self, session: Session, *, completed: bool, practised_ms: int, note: str = ""
    ) -> None:
        """`completed` by `core.completion`'s rule; `practised_ms` is the time actually played;
        `note` a kind word of the session's own (stage_controls.stopped_words)."""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        minutes = minutes_words(practised_ms)
        if completed:
            self.message.setText(product.session_complete())
            self.detail.setText(
                f"{minutes} of “{session.title}”" if minutes else f"“{session.title}”"
            )
        elif minutes:
            self.message.setText(product.session_partial(minutes))
            self.detail.setText(f"Part of “{session.title}”")
        else:
            self.message.setText(product.session_stopped())
            self.detail.setText(f"“{session.title}”")
