"""The session's chapters in one quiet row; the current one is marked, a click jumps to it.

A long session has more chapters than fit (32 in progressive relaxation): the current chapter
is scrolled to the middle, only chapters that fit whole are drawn, and a quiet "…" at an edge
says there are more that way. No chapter is ever cut through a word.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pfrelax.core.durations import format_clock
from pfrelax.core.timeline import Timeline
from pfrelax.ui.common.a11y import name

_START_ROLE = Qt.ItemDataRole.UserRole + 1
MORE = "…"


class _WholeChips(QStyledItemDelegate):
    """Draws a chapter only if it fits whole in the strip's shown area."""

    def __init__(self, strip: StepList) -> None:
        super().__init__(strip)
        self._strip = strip

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if self._strip.shown_area().contains(option.rect):
            super().paint(painter, option, index)


class StepList(QListWidget):
    step_chosen = Signal(int)  # the start of the chosen step, in ms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current = -1
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # One quiet row: a scroll bar would be louder than the chapters themselves. The
        # current chapter is always scrolled into view, and the keys move through the rest.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setObjectName("steps")
        self.setSpacing(4)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(_WholeChips(self))
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        self.itemActivated.connect(self._on_item_activated)
        self.itemClicked.connect(self._on_item_activated)
        name(self, "Steps", "The steps of this session; choose one to move to it")

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), round(self.fontMetrics().height() * 2.8))

    def set_timeline(self, timeline: Timeline) -> None:
        self.clear()
        self._current = -1
        for span in timeline.steps:
            length = format_clock(span.end_ms - span.start_ms)
            item = QListWidgetItem(f"{span.index + 1}  {span.title}  ·  {length}")
            item.setData(_START_ROLE, span.start_ms)
            item.setToolTip(f"Step {span.index + 1}: {span.title} ({length})")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.addItem(item)
        self.setFixedHeight(self.sizeHint().height())

    @property
    def current(self) -> int:
        return self._current

    def set_current(self, index: int) -> None:
        """Mark step `index` as the one playing (bold, selected, scrolled to the middle)."""
        if index == self._current:
            return
        if 0 <= self._current < self.count():
            previous = self.item(self._current)
            font = previous.font()
            font.setBold(False)
            previous.setFont(font)
        self._current = index
        if not 0 <= index < self.count():
            return
        item = self.item(index)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.blockSignals(True)
        self.setCurrentItem(item)
        self.blockSignals(False)
        self.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)

    # --- more chapters than fit -------------------------------------------------------------
    def more_before(self) -> bool:
        """Whether chapters are hidden to the left."""
        bar = self.horizontalScrollBar()
        return bar.value() > bar.minimum()

    def more_after(self) -> bool:
        """Whether chapters are hidden to the right."""
        bar = self.horizontalScrollBar()
        return bar.value() < bar.maximum()

    def shown_area(self) -> QRect:
        """The part of the strip chapters are drawn in: all of it but the "…" at either edge."""
        room = self._more_width()
        left = room if self.more_before() else 0
        right = room if self.more_after() else 0
        return self.viewport().rect().adjusted(left, 0, -right, 0)

    def _more_width(self) -> int:
        metrics = self.fontMetrics()
        return metrics.horizontalAdvance(MORE) + metrics.height()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        try:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect, room = self.viewport().rect(), self._more_width()
            centred = Qt.AlignmentFlag.AlignCenter
            if self.more_before():
                painter.drawText(QRect(rect.left(), rect.top(), room, rect.height()), centred, MORE)
            if self.more_after():
                right = QRect(rect.right() - room + 1, rect.top(), room, rect.height())
                painter.drawText(right, centred, MORE)
        finally:
            painter.end()

    def _on_scrolled(self, _value: int) -> None:
        self.viewport().update()  # the "…" and which chapters fit whole both changed

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.step_chosen.emit(int(item.data(_START_ROLE)))
