"""A worker thread's answer, run on the GUI thread: a payload-free queued signal, so no value
loses its type crossing threads (no signal carrying a bare object)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6 import QtCore
from PySide6.QtCore import QObject, Signal


class WorkerAnswer(QObject):
    """Lives on the GUI thread. A worker calls `answer(then)`; `then()` runs on the GUI thread.

    The worker queues the typed callable and emits a signal without arguments; Qt queues the
    emission, and the callable is queued before it, so the GUI thread finds it. Answers run
    once each, in the order they were given.
    """

    _arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: deque[Callable[[], None]] = deque()  # append/popleft are thread-safe
        self._arrived.connect(self._on_arrived, QtCore.Qt.ConnectionType.QueuedConnection)

    def answer(self, then: Callable[[], None]) -> None:
        """From any thread: run `then` on this object's thread."""
        self._waiting.append(then)
        self._arrived.emit()

    def _on_arrived(self) -> None:
        if self._waiting:
            self._waiting.popleft()()
