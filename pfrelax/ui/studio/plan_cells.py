"""The plan grid's days: each session's whole title, wrapped within the day, a little apart from
the next, so a wrapped title never reads as two sessions (nor two sessions as one)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
GAP = 0.35  # between two sessions of a day, in lines of text


class DayCellDelegate(QStyledItemDelegate):
    """Draws a day's sessions (its text's lines) one under another, each wrapped to the width."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        sessions = _sessions(item.text)
        item.text = ""  # the background, selection and focus as the style draws them
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(item.font)
        painter.setPen(item.palette.color(role))
        area = _inside(item.rect, item.fontMetrics)
        for line, top in _placed(sessions, area.width(), item.fontMetrics):
            painter.drawText(QRect(area.left(), area.top() + top, area.width(), 10**6), WRAP, line)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        metrics = item.fontMetrics
        sessions = _sessions(item.text)
        width = _inside(item.rect, metrics).width() if item.rect.width() > 0 else 10**6
        placed = _placed(sessions, width, metrics)
        if not placed:
            return QSize(metrics.averageCharWidth() * 8, metrics.height() + 2 * _margin(metrics))
        last, top = placed[-1]
        height = top + _height(last, width, metrics) + 2 * _margin(metrics)
        return QSize(metrics.averageCharWidth() * 8, height)


def _sessions(text: str) -> list[str]:
    # The option's text has its line breaks as Unicode line separators (initStyleOption).
    return [line for line in text.replace("\u2028", "\n").split("\n") if line]


def _margin(metrics: QFontMetrics) -> int:
    return max(2, metrics.height() // 6)


def _inside(rect: QRect, metrics: QFontMetrics) -> QRect:
    margin = _margin(metrics)
    return rect.adjusted(margin * 2, margin, -margin * 2, -margin)


def _height(line: str, width: int, metrics: QFontMetrics) -> int:
    return metrics.boundingRect(QRect(0, 0, max(width, 1), 10**6), WRAP, line).height()


def _placed(sessions: list[str], width: int, metrics: QFontMetrics) -> list[tuple[str, int]]:
    """Each session with its top, from the top of the text area."""
    placed: list[tuple[str, int]] = []
    top = 0
    for line in sessions:
        placed.append((line, top))
        top += _height(line, width, metrics) + round(metrics.lineSpacing() * GAP)
    return placed
