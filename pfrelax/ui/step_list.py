"""The session's chapters in one quiet row; the current one is marked, a click jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListWidget, QListWidgetItem, QWidget

from pfrelax.core.durations import format_clock
from pfrelax.core.timeline import Timeline
from pfrelax.ui.a11y import name

_START_ROLE = Qt.ItemDataRole.UserRole + 1


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
        """Mark step `index` as the one playing (bold, selected, scrolled into view)."""
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

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.step_chosen.emit(int(item.data(_START_ROLE)))
