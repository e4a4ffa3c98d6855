"""The pace finder's result: each pace's scores, "your pace" or no clear pace, and the button that
makes "your pace" a session of one's own. Your numbers, compared only with each other."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.heart.resonance import EpochScore
from pfrelax.core.session import Session
from pfrelax.services.heart_history import SavedFinderResult
from pfrelax.ui.common.theme import scaled_font

WINDOW_TITLE = "Your pace"  # neutral: seen in the task bar
MAKE_TEXT = "Make my resonance session"
MADE_TEXT = "In My sessions"
NO_CLEAR_PACE = "No clear pace this time"
CHOSEN_WORDS = (
    "Your heart followed this pace most: at it, your heart rate rose and fell most with your "
    "breath, and in step with it. Breathing at your own pace for ten minutes or so is the "
    "practice it leads to."
)
UNCLEAR_WORDS = (
    "No pace stood out this time, which is fine. The even six-a-minute sessions are a good "
    "place to start, and you can try again another day."
)
OWN_NUMBERS = "These are your numbers, compared only with each other."
HEADERS = (
    "Breaths\na minute",
    "Swing with\neach breath",
    "Slow waves\n(LF power)",
    "In step\n(phase)",
    "Beats",
)
TEXT_CHARS = 62  # the width the words wrap at, in average characters of the body font
TOO_FEW = "too few beats"


def headline(saved: SavedFinderResult) -> str:
    chosen = saved.result.chosen
    return NO_CLEAR_PACE if chosen is None else f"Your pace: {chosen:g} breaths a minute"


def pace_cells(epoch: EpochScore) -> tuple[str, ...]:
    """One pace's row as the person reads it; "–" where the pace held too few beats."""
    corrected = f", {epoch.corrected_beats} corrected" if epoch.corrected_beats else ""
    if not math.isfinite(epoch.peak_to_trough):
        return (f"{epoch.bpm:g}", "–", "–", "–", f"{epoch.beats} ({TOO_FEW}){corrected}")
    return (
        f"{epoch.bpm:g}",
        f"{epoch.peak_to_trough:.1f} bpm",
        f"{epoch.lf_power:,.0f} ms²" if math.isfinite(epoch.lf_power) else "–",
        _signed(epoch.phase_deg) if math.isfinite(epoch.phase_deg) else "–",
        f"{epoch.beats}{corrected}",
    )


def _signed(degrees: float) -> str:
    """ "+35°", "−2°" (a real minus sign), "0°"."""
    text = f"{degrees:+.0f}°"
    return "0°" if text in ("+0°", "-0°") else text.replace("-", "−")


def corrected_words(count: int) -> str:
    beats = "beat was" if count == 1 else "beats were"
    return (
        f"{count} {beats} corrected: they looked like a glitch or an extra beat and were "
        "smoothed over."
    )


class PaceResultView(QWidget):
    """One stored finder result. `make_session(rate)` keeps "your pace" in My sessions and
    returns it; an OSError from it is shown here, never raised."""

    session_made = Signal(Session)

    def __init__(
        self,
        saved: SavedFinderResult,
        make_session: Callable[[float], Session],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.saved = saved
        self._make_session = make_session
        self.headline = QLabel(headline(saved), self)
        self.headline.setFont(scaled_font(self.font(), 1.4))
        self.headline.setWordWrap(True)
        chosen = saved.result.chosen
        self.words = QLabel(f"{UNCLEAR_WORDS if chosen is None else CHOSEN_WORDS}", self)
        self.words.setWordWrap(True)
        self.table = self._build_table()
        foot = f"{OWN_NUMBERS} {corrected_words(saved.result.corrected_beats)}"
        self.foot = QLabel(foot, self)
        self.foot.setWordWrap(True)
        self.foot.setProperty("quiet", True)
        self.make_button = QPushButton(MAKE_TEXT, self)
        self.make_button.setProperty("accent", True)
        self.make_button.setVisible(chosen is not None)
        self.make_button.clicked.connect(self._on_make_clicked)
        self.made_label = QLabel("", self)
        self.made_label.setWordWrap(True)
        self.made_label.hide()
        column = QVBoxLayout(self)
        column.setSpacing(10)
        for widget in (self.headline, self.words):
            column.addWidget(widget)
        column.addLayout(self.table)
        column.addWidget(self.foot)
        row = QHBoxLayout()
        row.addWidget(self.make_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.made_label)
        # Wrapped words take the height their width needs: give them a width to wrap at, or a
        # large font (200 %) squeezes the table between them.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * TEXT_CHARS)

    def _build_table(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        self.cells: list[list[QLabel]] = []
        for col, header in enumerate(HEADERS):
            label = QLabel(header, self)
            label.setProperty("quiet", True)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(label, 0, col)
        chosen = self.saved.result.chosen
        for row, epoch in enumerate(self.saved.result.epochs, start=1):
            labels = [QLabel(text, self) for text in pace_cells(epoch)]
            if epoch.bpm == chosen:
                labels[0].setText(f"{labels[0].text()}  · your pace")
                for label in labels:
                    font = label.font()
                    font.setBold(True)
                    label.setFont(font)
            for col, label in enumerate(labels):
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(label, row, col)
            self.cells.append(labels)
        return grid

    def _on_make_clicked(self) -> None:
        chosen = self.saved.result.chosen
        if chosen is None:  # the button is hidden then; a stray call does nothing
            return
        try:
            session = self._make_session(chosen)
        except OSError as error:
            self.made_label.setText(f"The session could not be saved: {error}")
            self.made_label.show()
            return
        self.make_button.setText(MADE_TEXT)
        self.make_button.setEnabled(False)
        self.made_label.setText(f"“{session.title}” is now in My sessions.")
        self.made_label.show()
        self.session_made.emit(session)


class PaceResultDialog(QDialog):
    """The result in its own window, closed with Close or Escape."""

    def __init__(
        self,
        saved: SavedFinderResult,
        make_session: Callable[[float], Session],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)
        self.view = PaceResultView(saved, make_session, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        column = QVBoxLayout(self)
        column.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # its words decide
        column.addWidget(self.view)
        column.addWidget(buttons)
