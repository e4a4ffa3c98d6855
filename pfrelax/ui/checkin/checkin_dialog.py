"""The quick 0–10 check-in: before or after a session, on its own, or the weekly pain question.

Only the measures a person rates are saved; untouched sliders say "not rated" and are left out.
Nothing rated means nothing to save: Save stays disabled. Skip (or Esc) always closes without
storing anything. Enter saves. When the saved ratings call for it (CLINICAL.md §3), the dialog
turns into a calm panel with the support text and crisis lines instead of closing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.checkin import WEEKLY_MEASURE, Asked, needs_support
from pfrelax.core.clock import Clock
from pfrelax.core.texts import support_text
from pfrelax.services.checkins import CheckinService, SaveCheckin
from pfrelax.services.errors import StoreError
from pfrelax.ui.checkin.global_change_dialog import GlobalChangeDialog, ask_global_change_when_due
from pfrelax.ui.checkin.rating_scale import RatingScale
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.screen_fit import fit_to_screen
from pfrelax.ui.common.scrolling import FittingScrollArea
from pfrelax.ui.common.theme import scaled_font

TITLES = {
    "before": "Before you begin",
    "after": "How do you feel now?",
    "standalone": "Check in",
    "weekly": "Weekly question",
}
HINT = "Move a slider or type a number. Rate what you like, or skip."
NOTE_PLACEHOLDER = "Note (optional, stays on this computer)"
SUPPORT_HEADING = "Thank you for checking in."
READING_WIDTH_EM = 32


# After a saved check-in: given its parent, opens the next one (or None when none is due).
FollowUp = Callable[[QWidget | None], "CheckinDialog | GlobalChangeDialog | None"]


class CheckinDialog(QDialog):
    """Asks `measures` for one check-in `moment` ("before", "after", "standalone", "weekly").

    With `save`, Save hands it the ratings and note (it stores them as one check-in, or raises
    StoreError and stores nothing) and emits `checkin_saved(checkin_id, values)`. `before` is
    the same session's before check-in, for the "distress rose by 3" rule.
    """

    checkin_saved = Signal(int, dict)

    def __init__(
        self,
        measures: Sequence[Asked],
        moment: str,
        parent: QWidget | None = None,
        *,
        save: SaveCheckin | None = None,
        before: Mapping[str, int | None] | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(parent)
        self.moment = moment
        self._save = save
        self._before = before
        self.saved_id: int | None = None
        self.weekly_dialog: CheckinDialog | None = None  # the weekly question, if it followed
        self._follow_up: FollowUp | None = None
        self.change_dialog: GlobalChangeDialog | None = None  # or the global change question
        self.saved_values: dict[str, int | None] = {}
        self.setWindowTitle(TITLES.get(moment, "Check in"))
        self.scales = [
            RatingScale(m, allow_not_attempted=m is WEEKLY_MEASURE, clock=clock, parent=self)
            for m in measures
        ]
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(NOTE_PLACEHOLDER)
        name(self.note, "Note", "Anything you want to remember about how you feel (optional)")
        self.save_button = QPushButton("Save", self)
        self.save_button.setProperty("accent", True)
        self.save_button.setDefault(True)
        self.skip_button = QPushButton("Skip", self)
        self.skip_button.setAutoDefault(False)
        self.skip_button.setToolTip("Close without saving anything (Esc)")
        name(self.save_button, "Save", "Save the ratings you chose (Enter)")
        name(self.skip_button, "Skip", "Close without saving anything (Esc)")
        # Why the last Save did not save (a read-only or damaged history); hidden until then.
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.support = SupportPanel(self)
        self._pages = QStackedWidget(self)
        self._pages.addWidget(self._build_form())
        self._pages.addWidget(self.support)
        QVBoxLayout(self).addWidget(self._pages)
        for scale in self.scales:
            scale.changed.connect(self._on_scale_changed)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.skip_button.clicked.connect(self.reject)
        self.support.close_button.clicked.connect(self.accept)
        self._on_scale_changed()
        if self.scales:
            self.scales[0].slider.setFocus(Qt.FocusReason.OtherFocusReason)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """Wide enough that a question reads on one line, never larger than the screen."""
        self.ensurePolished()
        em = self.fontMetrics().height()
        wanted = self.sizeHint().expandedTo(QSize(em * READING_WIDTH_EM, 0))
        fit_to_screen(self, wanted, self.minimumSizeHint())

    def _build_form(self) -> QWidget:
        form = QWidget(self)
        column = QVBoxLayout(form)
        column.setSpacing(14)
        heading = QLabel(self.windowTitle(), form)
        heading.setFont(scaled_font(self.font(), 1.3))
        column.addWidget(heading)
        hint = QLabel(HINT, form)
        hint.setWordWrap(True)
        column.addWidget(hint)
        # The questions scroll when they do not fit the screen (four of them at 200 %).
        questions = QWidget()
        inner = QVBoxLayout(questions)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(14)
        for scale in self.scales:
            inner.addWidget(scale)
        inner.addWidget(self.note)
        inner.addStretch(1)
        self.questions = FittingScrollArea(questions, form)
        column.addWidget(self.questions, 1)
        column.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        column.addLayout(buttons)
        return form

    def follow_with(self, follow_up: FollowUp) -> None:
        """Once saved, call `follow_up` with this dialog's parent (not after a Skip); the
        dialog it opens, if any, is kept as `weekly_dialog`."""
        self._follow_up = follow_up
        # A bound method, not a closure over self: PySide holds it weakly, so the dialog can
        # still be deleted on close (a closure would keep a cycle and crash at teardown).
        self.accepted.connect(self._on_self_accepted)

    def _on_self_accepted(self) -> None:
        if self._follow_up is None:
            return
        follow = self._follow_up(self.parentWidget())
        if isinstance(follow, CheckinDialog):
            self.weekly_dialog = follow
        else:
            self.change_dialog = follow

    @property
    def support_shown(self) -> bool:
        return self._pages.currentWidget() is self.support

    def values(self) -> dict[str, int | None]:
        """The rated measures only, by store name; None = not attempted."""
        return {s.measure.value: s.value() for s in self.scales if s.is_rated}

    def _on_scale_changed(self) -> None:
        self.save_button.setEnabled(any(s.is_rated for s in self.scales))

    def _on_save_clicked(self) -> None:
        values = self.values()
        if not values:
            return
        note = self.note.text().strip()
        if self._save is not None:
            try:
                saved = self._save(values, note)
            except StoreError as error:  # one transaction: nothing of it was written
                self.problem.setText(f"Your check-in was not saved: {error}")
                self.problem.show()
                return
            self.saved_id = saved
            self.checkin_saved.emit(self.saved_id, values)
        self.saved_values = values
        if needs_support(self._before, values):
            self.support.show_for(_country())
            self._pages.setCurrentWidget(self.support)
            self.support.close_button.setDefault(True)
            self.support.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()


class SupportPanel(QWidget):
    """The support text (CLINICAL.md §5), shown calmly: plain text, no alarm colour or icon."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(SUPPORT_HEADING, self)
        heading.setFont(scaled_font(self.font(), 1.3))
        self.text = QLabel(support_text(), self)
        self.text.setWordWrap(True)
        self.text.setFont(scaled_font(self.font(), 1.1))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Not the default button yet: a dialog has one, and until this panel shows it is Save.
        self.close_button = QPushButton("Close", self)
        name(self.close_button, "Close", "Close this message and carry on")
        column = QVBoxLayout(self)
        column.setSpacing(16)
        column.addWidget(heading)
        column.addWidget(self.text)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        column.addLayout(row)

    def show_for(self, country: str | None) -> None:
        self.text.setText(support_text(country))
        self.text.setAccessibleName(self.text.text())


def _country() -> str | None:
    """The person's country from the system locale, for the crisis lines; None if unknown."""
    code = QLocale.territoryToCode(QLocale.system().territory())
    return code or None


def open_checkin(
    parent: QWidget | None,
    checkins: CheckinService,
    moment: str,
    *,
    run_id: int | None = None,
    before: Mapping[str, int | None] | None = None,
    measures: Sequence[Asked] | None = None,
) -> CheckinDialog:
    """Open (window-modal, not blocking) the check-in for `moment`; returns the dialog so the
    caller can connect `finished` or `checkin_saved`.

    The weekly moment asks only the weekly question; the others ask the measures the
    preferences name (`measures` overrides them: a PT's pack names what its sessions ask). An
    "after" check-in of a run compares with its before check-in. After a saved "after" check-in,
    the weekly question follows when it is due (never after a Skip: skipping means "not now").
    """
    if moment == "weekly":
        asked: Sequence[Asked] = checkins.weekly_asked()
    else:
        asked = measures if measures is not None else checkins.measures()
    if before is None and moment == "after" and run_id is not None:
        before = checkins.before_values(run_id)
    save = checkins.saver(moment, run_id)
    dialog = CheckinDialog(asked, moment, parent, save=save, before=before)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if moment == "after":
        # Not a closure over `parent`: a child holding its parent crashes Qt at teardown.
        dialog.follow_with(checkins_weekly(checkins))
    dialog.open()
    return dialog


def checkins_weekly(checkins: CheckinService) -> FollowUp:
    """Opens the weekly question under the given parent when it is due, else the global
    change question when a plan week 4, 8, 12 or 20 has come."""

    def weekly_when_due(parent: QWidget | None) -> CheckinDialog | GlobalChangeDialog | None:
        if checkins.weekly_due():
            return open_checkin(parent, checkins, "weekly")
        # One question at a time: the global change one waits for a session with no weekly.
        return ask_global_change_when_due(parent, checkins.global_change())

    return weekly_when_due
