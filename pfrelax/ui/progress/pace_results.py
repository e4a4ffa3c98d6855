"""Past pace finder results, reopened from Progress: the latest shown, earlier ones a choice away,
and "Make my resonance session" from any of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.session import Session
from pfrelax.services.heart_history import SavedFinderResult
from pfrelax.ui.progress.pace_result import WINDOW_TITLE, PaceResultView

OPEN_TEXT = "Your pace finder results…"
CHOICE_LABEL = "Result from"


def result_label(saved: SavedFinderResult) -> str:
    """ "Thursday 26 November 2026, 19:00 · 5.5 a minute" (the time it was found, its own zone)."""
    at = saved.time
    chosen = saved.result.chosen
    found = "no clear pace" if chosen is None else f"{chosen:g} a minute"
    return f"{at:%A} {at.day} {at:%B %Y, %H:%M} · {found}"


class PaceResultsDialog(QDialog):
    """`results` newest first; the first is shown, the box picks another. A session made from
    any of them is announced by `session_made`."""

    session_made = Signal(Session)

    def __init__(
        self,
        results: Sequence[SavedFinderResult],
        make_session: Callable[[float], Session],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not results:
            raise ValueError("there is no pace finder result to show")
        self.setWindowTitle(WINDOW_TITLE)
        self._results = list(results)
        self._make_session = make_session
        self.choice = QComboBox(self)
        for saved in self._results:
            self.choice.addItem(result_label(saved), saved.id)
        self.choice.setAccessibleName(CHOICE_LABEL)
        label = QLabel(f"{CHOICE_LABEL}:", self)
        label.setBuddy(self.choice)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.choice, 1)
        self.choice.setVisible(len(self._results) > 1)
        label.setVisible(len(self._results) > 1)
        self.view = self._make_view(self._results[0])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self._column = QVBoxLayout(self)
        self._column.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # its words decide
        self._column.addLayout(row)
        self._column.addWidget(self.view)
        self._column.addWidget(buttons)
        self.choice.currentIndexChanged.connect(self._on_choice_changed)

    def _make_view(self, saved: SavedFinderResult) -> PaceResultView:
        view = PaceResultView(saved, self._make_session, self)
        view.session_made.connect(self.session_made)
        return view

    def _on_choice_changed(self, index: int) -> None:
        if not 0 <= index < len(self._results):
            return
        old = self.view
        self.view = self._make_view(self._results[index])
        self._column.replaceWidget(old, self.view)
        old.deleteLater()
