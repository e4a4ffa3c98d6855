"""The dilator step's own controls: a large Continue while the stay waits, and "Stop here".

Continue (the button, Space, Enter or Return) ends the patient-paced stay: the transport finishes
the breath under way and goes on to the next stage. "Stop here" is always on screen during a
dilator step and ends the practice kindly — stopping never counts as failing. The row keeps its
height for the whole session, so nothing under the picture jumps when Continue appears.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from pfrelax.core.timeline import Moment, Timeline
from pfrelax.core.transport import State, Transport
from pfrelax.ui.common.a11y import announce, name
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.common.theme import PROMPT_SCALE, scaled_font

DILATOR_STEP = "dilator"
CONTINUE_WORDS = "Press Continue whenever you're ready"
STOPPED_WORDS = "Stopping here is fine; whatever you did counts."
_CONTINUE_KEYS = ("Return", "Enter")  # Space is the player's: it asks `take_space` first


def has_dilator_step(timeline: Timeline | None) -> bool:
    return timeline is not None and any(step.kind == DILATOR_STEP for step in timeline.steps)


def end_note(timeline: Timeline | None, *, completed: bool) -> str:
    """What the end screen adds when a session with a dilator step was stopped before its
    end: stopping is fine, whatever was done counts ("" otherwise)."""
    return STOPPED_WORDS if has_dilator_step(timeline) and not completed else ""


def continue_offered(transport: Transport, state: State, position_ms: int) -> bool:
    """Whether Continue is on offer at `position_ms`: playing, in a patient-paced stay whose
    minimum has passed, not yet continued."""
    if state is not State.PLAYING or not transport.timeline.paced_stages:
        return False  # (asked every frame: most sessions have no paced stay to look through)
    wait = transport.stage_wait(position_ms)
    return wait is not None and wait.offered and not wait.continued


def _keep_room(widget: QWidget) -> None:
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


class StageControls(QWidget):
    """Continue (only while the stay waits) and Stop here (throughout a dilator step)."""

    continue_clicked = Signal()
    stop_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        em = self.fontMetrics().height()
        self.hint = text_label(CONTINUE_WORDS, quiet=True)
        self.hint.setWordWrap(False)  # one line or none: it is shown only where it fits
        self.continue_button = QPushButton("Continue")
        self.continue_button.setProperty("accent", True)
        self.continue_button.setCursor(Qt.CursorShape.PointingHandCursor)
        # Large: found at once, by a hand that may be busy and eyes that may be closed a moment.
        self.continue_button.setFont(scaled_font(self.font(), PROMPT_SCALE))
        self.continue_button.setMinimumSize(em * 10, round(em * 2.2))
        name(self.continue_button, "Continue", "Go on to the next stage (Space or Enter)")
        self.continue_button.clicked.connect(self.continue_clicked)
        self.stop_button = QPushButton("Stop here")
        self.stop_button.setFlat(True)
        self.stop_button.setProperty("link", True)
        self.stop_button.setCursor(Qt.CursorShape.PointingHandCursor)
        name(self.stop_button, "Stop here", "End the practice now; whatever you did counts")
        self.stop_button.clicked.connect(self.stop_clicked)
        for widget in (self.hint, self.continue_button, self.stop_button):
            _keep_room(widget)
            widget.hide()
        self._hint_fits = True
        # What show_moment last showed (in the step, waiting): every frame asks, and asking the
        # widgets costs two calls into Qt; only show_moment changes them.
        self._shown_state: tuple[bool, bool] | None = None
        self.continue_action = QAction("Continue", self)
        self.continue_action.setShortcuts([QKeySequence(key) for key in _CONTINUE_KEYS])
        self.continue_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.continue_action.setEnabled(False)
        self.continue_action.triggered.connect(self.continue_clicked)
        self.addAction(self.continue_action)
        self._build_layout(em)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.hide()

    def _build_layout(self, em: int) -> None:
        """One row, so the picture keeps its room in a short window (200 %): the hint, Continue
        in the middle, Stop here beside it; the hint gives way when the row is too narrow."""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(em)
        row.addStretch(1)
        row.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.continue_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        self._hint_width = self.hint.fontMetrics().horizontalAdvance(CONTINUE_WORDS) + em

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        em = self.fontMetrics().height()
        buttons = self.continue_button.minimumWidth() + self.stop_button.sizeHint().width()
        needed = self._hint_width + buttons + em * 4
        self._hint_fits = event.size().width() >= needed
        policy = self.hint.sizePolicy()
        policy.setRetainSizeWhenHidden(self._hint_fits)  # no empty gap where it never shows
        self.hint.setSizePolicy(policy)
        self.hint.setVisible(self.waiting and self._hint_fits)

    @property
    def waiting(self) -> bool:
        """Whether Continue is on offer now."""
        return self.continue_action.isEnabled()

    def take_space(self) -> bool:
        """Space while the stay waits means Continue (True: taken); otherwise it is the
        player's play/pause key."""
        if not self.waiting:
            return False
        self.continue_clicked.emit()
        return True

    def set_timeline(self, timeline: Timeline | None) -> None:
        """The row is there (keeping its height) only for a session with a dilator step."""
        self.setVisible(has_dilator_step(timeline))
        self.show_moment(None, waiting=False)

    def show_moment(self, moment: Moment | None, *, waiting: bool) -> None:
        """Show the controls for `moment`; Continue, when it is first offered, is also said to
        a screen reader (once: the words on screen stay)."""
        in_step = moment is not None and moment.step.kind == DILATOR_STEP and not moment.finished
        state = (in_step, waiting and in_step)
        if state == self._shown_state:
            return
        self._shown_state = state
        if self.stop_button.isVisibleTo(self) != in_step:
            self.stop_button.setVisible(in_step)
        waiting = waiting and in_step
        if self.continue_action.isEnabled() == waiting:
            return
        self.continue_action.setEnabled(waiting)
        self.hint.setVisible(waiting and self._hint_fits)
        self.continue_button.setVisible(waiting)
        if waiting:
            announce(self.hint, CONTINUE_WORDS)
