"""The centre of the player: the breathing picture, the count-in over it, and the words below."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from pfrelax.core.timeline import Moment
from pfrelax.ui.common import texts
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.common.theme import CAPTION_SCALE, PHASE_LABEL_SCALE, PROMPT_SCALE, scaled_font
from pfrelax.ui.player.breath_styles import ORB_EMPTY, ORB_SCALE
from pfrelax.ui.player.breath_view import BreathView
from pfrelax.ui.player.pelvic_visual import PelvicView
from pfrelax.ui.player.phase_text import PhaseText
from pfrelax.ui.player.stage_controls import StageControls

_COUNT_IN_SCALE = 5.0


class CountInOverlay(QWidget):
    """A large 3-2-1 over the picture; it never takes clicks away from what is under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.number = QLabel()
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._on_disc = True
        self._backdrop = QColor()
        self._number_font = scaled_font(self.font(), _COUNT_IN_SCALE, QFont.Weight.ExtraLight)
        self.number.setFont(self._number_font)
        self.caption = QLabel(texts.GET_READY)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setFont(scaled_font(self.font(), PROMPT_SCALE))
        self.set_on_disc(True)
        # It never sets the picture's size: on a small screen the picture may be shorter than
        # the big numbers' own height, and the words and controls need that room more.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def set_on_disc(self, on_disc: bool) -> None:
        """On the resting orb (or the still disc, or the path's dot) the words take the
        background colour, clear on teal and lavender; over the wave they are in the text colour
        on a soft backdrop, since nothing solid is behind them there."""
        self._on_disc = on_disc
        look = "disc" if on_disc else "plain"
        for label in (self.number, self.caption):
            if label.property("countin") != look:
                label.setProperty("countin", look)
                label.style().unpolish(label)
                label.style().polish(label)
        self.update()

    def set_backdrop(self, color: QColor) -> None:
        self._backdrop = QColor(color)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self._on_disc:
            return
        words = self.number.geometry()
        if self.caption.isVisible():
            words = words.united(self.caption.geometry())
        em = self.fontMetrics().height()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._backdrop)
        painter.drawRoundedRect(QRectF(words.adjusted(-em, 0, em, em // 2)), em * 0.7, em * 0.7)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the words inside the resting orb: smaller in a small picture (200 % on a small
        screen), where "Get ready" would not fit in the orb and is left out."""
        super().resizeEvent(event)
        size = event.size()
        orb = min(size.width(), size.height()) * ORB_EMPTY * ORB_SCALE
        font = QFont(self._number_font)
        if QFontMetrics(font).height() > orb * 0.6:
            font.setPixelSize(max(8, round(orb * 0.5)))
        self.number.setFont(font)
        words = self.caption.fontMetrics().horizontalAdvance(texts.GET_READY)
        self.caption.setVisible(words <= orb * 0.9)

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
        self.pelvic = PelvicView()  # under the breath, for pelvic floor and dilator sessions
        self.stage_controls = StageControls()  # Continue and Stop here, for dilator sessions
        picture = QWidget()
        stack = QStackedLayout(picture)
        stack.setStackingMode(QStackedLayout.StackingMode.StackAll)
        stack.addWidget(self.view)
        stack.addWidget(self.count_in)
        stack.setCurrentWidget(self.count_in)  # raised above the picture

        self.safety = text_label(quiet=True)
        # A readable measure, centred above the picture; narrower in a small window (resizeEvent).
        self._safety_width = self.safety.fontMetrics().averageCharWidth() * 90
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

        column = QVBoxLayout(self)
        em = self.fontMetrics().height()
        column.setContentsMargins(em // 2, em // 2, em // 2, 0)  # room goes to the picture
        column.setSpacing(round(em * 0.3))
        column.addWidget(self.safety, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(picture, 1)
        column.addWidget(self.pelvic)
        column.addWidget(self.paused)
        column.addWidget(self.phase)
        column.addWidget(self.seconds)
        column.addWidget(self.prompt)
        column.addWidget(self.caption, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.stage_controls)

    def _reserve_heights(self) -> None:
        """Fixed line heights, so words changing never makes the picture jump."""
        for label, lines in ((self.paused, 1), (self.phase, 1), (self.seconds, 1)):
            label.setFixedHeight(round(label.fontMetrics().lineSpacing() * lines * 1.15))
            label.setWordWrap(False)
        for label, lines in ((self.prompt, 2), (self.caption, 2)):
            height = label.fontMetrics().lineSpacing() * lines
            label.setFixedHeight(round(height + label.fontMetrics().height() * 0.8))
        # About 55 characters a line: a caption chunk (≤ 110 characters) fits in two lines; a
        # small window (200 %) gets a narrower bubble rather than a picture pushed off-screen.
        self._caption_width = self.caption.fontMetrics().averageCharWidth() * 60
        # Air inside the bubble, as margins: a stylesheet's padding on a word-wrapped label is
        # not left free when the lines wrap, so long lines touched the bubble's edges.
        em = self.caption.fontMetrics().height()
        self.caption.setContentsMargins(round(em * 0.8), 0, round(em * 0.8), 0)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def minimumSizeHint(self) -> QSize:
        # Not the note's and caption's reading widths: they narrow to fit (resizeEvent).
        return QSize(self.fontMetrics().height() * 10, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The safety note and the caption bubble keep their reading width where it fits, and
        take the stage's width where it does not (200 % on a small screen)."""
        super().resizeEvent(event)
        margins = self.contentsMargins()
        room = max(1, event.size().width() - margins.left() - margins.right())
        self.safety.setFixedWidth(min(self._safety_width, room))
        self.caption.setFixedWidth(min(self._caption_width, room))

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
        self.view.show_moment(moment, paused=paused, now=now)
        self.pelvic.show_moment(moment, paused=paused, now=now)

    def still_for_ms(self, limit_ms: int) -> int:
        """How long both pictures stay as they are on screen (the frame driver sleeps that long)."""
        return self.pelvic.still_for_ms(self.view.still_for_ms(limit_ms))
