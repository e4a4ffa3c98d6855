"""Paints one library entry as a calm card: title and minutes, a two-line summary, its tags."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from pfrelax.core.session import Session
from pfrelax.ui.common.theme import mix, scaled_font
from pfrelax.ui.library.library_model import HEADER_ROLE, MINUTES_ROLE, SESSION_ROLE

ModelIndex = QModelIndex | QPersistentModelIndex
_TITLE_SCALE = 1.15
_CARD_MIN_EM = 12


class SessionCardDelegate(QStyledItemDelegate):
    def _padding(self, option: QStyleOptionViewItem) -> int:
        return round(QFontMetrics(option.font).height() * 0.8)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        # Narrow on purpose: the list gives every card its own width, and a hint wider than a
        # small window's list (200 %) would make it scroll sideways.
        width = metrics.height() * _CARD_MIN_EM
        if index.data(HEADER_ROLE):
            return QSize(width, round(metrics.height() * 2.4))
        session = index.data(SESSION_ROLE)
        summary = session.summary if isinstance(session, Session) else ""
        # As tall as this card's words at the list's width: a one-line summary leaves no gap.
        lines = _summary_lines(summary, metrics, self._text_width(option))
        title = QFontMetrics(scaled_font(option.font, _TITLE_SCALE)).lineSpacing()
        text = title + metrics.lineSpacing() * (lines + 1)  # and the tags' line
        gap = round(metrics.height() * 0.35) * 2
        return QSize(width, text + gap + self._padding(option) * 2 + 8)

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        """The width the card's words wrap at: the list's, less the card's margins."""
        view = self.parent()
        if isinstance(view, QListView):
            card = view.viewport().width() - view.spacing() * 2
        else:
            card = option.rect.width()
        return max(1, card - 4 - self._padding(option) * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        session = index.data(SESSION_ROLE)
        if isinstance(session, Session):
            self._paint_card(painter, option, session, index.data(MINUTES_ROLE))
        else:
            self._paint_header(painter, option, str(index.data()))
        painter.restore()

    def _paint_header(self, painter: QPainter, option: QStyleOptionViewItem, text: str) -> None:
        font = scaled_font(option.font, 1.0, QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        rect = option.rect.adjusted(self._padding(option), 0, 0, -4)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)

    def _paint_card(
        self, painter: QPainter, option: QStyleOptionViewItem, session: Session, minutes: object
    ) -> None:
        card = QRectF(option.rect).adjusted(2, 4, -2, -4)
        self._paint_background(painter, option, card)
        pad = self._padding(option)
        inner = card.adjusted(pad, pad * 0.8, -pad, -pad * 0.8).toRect()
        text = option.palette.color(QPalette.ColorRole.Text)
        quiet = option.palette.color(QPalette.ColorRole.PlaceholderText)
        title_font = scaled_font(option.font, _TITLE_SCALE, QFont.Weight.DemiBold)
        title_metrics = QFontMetrics(title_font)
        body = QFontMetrics(option.font)
        top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

        length = f"{minutes} min" if isinstance(minutes, int) else ""
        painter.setFont(option.font)
        painter.setPen(quiet)
        painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, length)
        title_width = inner.width() - body.horizontalAdvance(length) - pad
        painter.setFont(title_font)
        painter.setPen(text)
        elide = Qt.TextElideMode.ElideRight
        painter.drawText(inner, top, title_metrics.elidedText(session.title, elide, title_width))

        painter.setFont(option.font)
        gap = round(body.height() * 0.35)
        summary_rect = inner.adjusted(0, title_metrics.lineSpacing() + gap, 0, 0)
        summary = _two_lines(session.summary, body, summary_rect.width())
        summary_rect.setHeight(body.lineSpacing() * len(summary.splitlines()))
        painter.drawText(summary_rect, top | Qt.TextFlag.TextWordWrap, summary)
        painter.setPen(quiet)
        tags_rect = inner.adjusted(0, summary_rect.bottom() - inner.top() + gap, 0, 0)
        painter.drawText(
            tags_rect, top, body.elidedText(" · ".join(session.tags), elide, inner.width())
        )

    @staticmethod
    def _paint_background(painter: QPainter, option: QStyleOptionViewItem, card: QRectF) -> None:
        """A soft card: tinted towards the accent when hovered, more when selected."""
        palette = option.palette
        surface = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Accent)
        text = palette.color(QPalette.ColorRole.Text)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setBrush(mix(surface, accent, 0.16 if selected else 0.07 if hovered else 0.0))
        painter.setPen(QColor(accent if selected else mix(surface, text, 0.12)))
        painter.drawRoundedRect(card, 12, 12)


def _summary_lines(text: str, metrics: QFontMetrics, width: int) -> int:
    """How many lines (0–2) the card's summary takes at `width`."""
    return len(_two_lines(text, metrics, width).splitlines())


def _two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` cut at a word so it fits two lines of `width`, with an ellipsis if cut."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for position, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == 2:
            rest = " ".join(words[position:])
            last = metrics.elidedText(f"{lines[1]} {rest}", Qt.TextElideMode.ElideRight, width)
            return f"{lines[0]}\n{last}"
    lines.append(current)
    return "\n".join(line for line in lines if line)
