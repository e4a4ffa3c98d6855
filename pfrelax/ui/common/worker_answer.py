"""A worker thread's answer, run on the GUI thread: a payload-free queued signal, so no value
loses its type crossing threads (no signal carrying a bare object)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal


class WorkerAnswer(QObject):
    """Lives on the GUI thread. A worker calls `answer(then)`; `then()` runs on the GUI thread.

    The worker stores the typed callable and emits a signal without arguments; Qt queues the
    emission, and the store happens before it, so the GUI thread sees the callable.
    """

    _arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._then: Callable[[], None] = _nothing
        self._arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)

    def answer(self, then: Callable[[], None]) -> None:
        """From any thread: run `then` on this object's thread."""
        self._then = then
        self._arrived.emit()

    def _on_arrived(self) -> None:
        then, self._then = self._then, _nothing
        then()


def _nothing() -> None:
    """What an answer does before the worker has given one."""
