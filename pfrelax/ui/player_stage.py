"""The centre of the player: the breathing picture, the count-in over it, and the words below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from pfrelax.core.timeline import Moment
from pfrelax.ui import texts
from pfrelax.ui.breath_view import BreathView
from pfrelax.ui.labels import text_label
from pfrelax.ui.phase_text import PhaseText
from pfrelax.ui.theme import CAPTION_SCALE, PHASE_LABEL_SCALE, PROMPT_SCALE, scaled_font

_COUNT_IN_SCALE = 5.0


class CountInOverlay(QWidget):
    """A large 3-2-1 over the picture; it never takes clicks away from what is under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.number = QLabel()
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setFont(scaled_font(self.font(), _COUNT_IN_SCALE, QFont.Weight.ExtraLight))
        self.caption = QLabel(texts.GET_READY)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setFont(scaled_font(self.font(), PROMPT_SCALE))
        for label in (self.number, self.caption):
            # Drawn on the resting orb, in the background colour: clear on teal and lavender.
            label.setProperty("countin", True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addStretch(1)

    def set_count(self, text: str) -> None:
        if self.number.text() != text:
            self.number.setText(text)
            self.setAccessibleName(f"{texts.GET_READY}: {text}")


class PlayerStage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = BreathView()
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.count_in = CountInOverlay()
        self.count_in.hide()
        picture = QWidget()
        stack = QStackedLayout(picture)
        stack.setStackingMode(QStackedLayout.StackingMode.StackAll)
        stack.addWidget(self.view)
        stack.addWidget(self.count_in)
        stack.setCurrentWidget(self.count_in)  # raised above the picture

        self.safety = text_label(quiet=True)
        # A readable measure, centred above the picture, whatever the window's width.
        self.safety.setFixedWidth(self.safety.fontMetrics().averageCharWidth() * 90)
        self.safety.hide()
        self.paused = text_label(texts.PAUSED, factor=PROMPT_SCALE)
        self.paused.setProperty("paused", True)
        self.phase = text_label()
        self.phase.setFont(scaled_font(self.font(), PHASE_LABEL_SCALE, QFont.Weight.Light))
        self.seconds = text_label(quiet=True, factor=PROMPT_SCALE)
        self.prompt = text_label(factor=PROMPT_SCALE)
        self.caption = text_label(factor=CAPTION_SCALE)
        self.caption.setProperty("caption", True)
        self._reserve_heights()
        self.set_paused(False)
        self._shown: tuple[Moment, bool] | None = None

        column = QVBoxLayout(self)
        column.setSpacing(round(self.fontMetrics().height() * 0.3))
        column.addWidget(self.safety, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(picture, 1)
        column.addWidget(self.paused)
        column.addWidget(self.phase)
        column.addWidget(self.seconds)
        column.addWidget(self.prompt)
        column.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignHCenter)

    def _reserve_heights(self) -> None:
        """Fixed line heights, so words changing never makes the picture jump."""
        for label, lines in ((self.paused, 1), (self.phase, 1), (self.seconds, 1)):
            label.setFixedHeight(round(label.fontMetrics().lineSpacing() * lines * 1.15))
            label.setWordWrap(False)
        for label, lines in ((self.prompt, 2), (self.caption, 2)):
            height = label.fontMetrics().lineSpacing() * lines
            label.setFixedHeight(round(height + label.fontMetrics().height() * 0.8))
        # About 55 characters a line: a caption chunk (≤ 110 characters) fits in two lines.
        self.caption.setFixedWidth(self.caption.fontMetrics().averageCharWidth() * 60)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def set_paused(self, paused: bool) -> None:
        # Hidden by transparency, not hide(), so the layout does not move when it appears.
        self.paused.setText(texts.PAUSED if paused else "")
        self.paused.setAccessibleName(texts.PAUSED if paused else "")

    def set_safety(self, text: str) -> None:
        self.safety.setText(text)
        self.safety.setVisible(bool(text))

    def show_text(self, text: PhaseText) -> None:
        # Only the words that changed: each new text re-lays out its label, and a re-polish
        # recomputes the caption's style, so an unchanged one costs nothing every second.
        for label, words in (
            (self.phase, text.label),
            (self.seconds, text.seconds),
            (self.prompt, text.prompt),
            (self.caption, text.caption),
        ):
            if label.text() != words:
                label.setText(words)
        showing = bool(text.caption)
        if self.caption.property("showing") != showing:
            self.caption.setProperty("showing", showing)
            self.caption.style().unpolish(self.caption)
            self.caption.style().polish(self.caption)

    def show_moment(self, moment: Moment, *, paused: bool, now: bool = False) -> None:
        """Hand `moment` to the picture; `now` paints it at once rather than on the next pass.

        The frame timer paints at once, so a stall of the GUI thread between computing a moment
        and painting it (another slow event) can never put an old moment on screen.
        """
        shown = (moment, paused)
        if shown == self._shown:
            return
        self._shown = shown
        self.view.show_moment(moment, paused=paused, now=now)
