"""After the window's first paint: fill in what can wait (the slow part off the GUI thread), and
print markers (player state, first paint) for the e2e test and the startup benchmark."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

T = TypeVar("T")

E2E_ENV = "PFRELAX_E2E"  # print READY_MARKER once the window has painted (end-to-end tests)
READY_MARKER = "pfrelax-ready"
STATE_MARKER = "pfrelax-state"


class AfterFirstPaint(QObject):
    """Calls `callback` once, just after `window` has painted for the first time."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # After this paint has been handled and flushed to the screen.
            QTimer.singleShot(0, self._callback)
        return False


def report_first_paint(*, quit_after: bool) -> None:
    # Whether the heavy charting library was (wrongly) loaded before the first paint.
    loaded = "pyqtgraph" in sys.modules
    sys.stdout.write(f"{READY_MARKER} pyqtgraph_loaded={loaded}\n")
    sys.stdout.flush()
    if quit_after:
        QApplication.quit()


def report_state(state: str) -> None:
    sys.stdout.write(f"{STATE_MARKER} {state}\n")
    sys.stdout.flush()


class _Delivery(QObject):
    """Carries a background thread's result to the GUI thread (a queued signal)."""

    arrived = Signal(object)


def in_background(
    work: Callable[[], T], then: Callable[[T], None], parent: QObject
) -> threading.Thread:
    """Run `work` (plain Python: files, parsing, imports; no Qt objects) on a thread, then
    `then(result)` on the GUI thread; an error in `work` is raised there instead.

    Python threads share the interpreter, but the GUI thread gets it back every few milliseconds,
    so work done here never freezes the window the way the same work on the GUI thread would.
    """
    delivery = _Delivery(parent)

    def deliver(outcome: object) -> None:
        delivery.deleteLater()
        if isinstance(outcome, _Failed):
            raise outcome.error
        then(cast("T", outcome))

    delivery.arrived.connect(deliver, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            outcome: object = work()
        except Exception as error:  # noqa: BLE001  # raised on the GUI thread instead, as before
            outcome = _Failed(error)
        # The window may have closed meanwhile: then nobody is waiting for the result.
        with contextlib.suppress(RuntimeError):
            delivery.arrived.emit(outcome)

    thread = threading.Thread(target=run, name="pfrelax-after-first-paint", daemon=True)
    thread.start()
    return thread


@dataclass(frozen=True)
class _Failed:
    error: Exception


def one_turn_each(*steps: Callable[[], None]) -> None:
    """Run `steps` in order, each in its own turn of the event loop, so input and paints get
    in between and no single turn holds the window up for all of them."""
    if not steps:
        return
    first, rest = steps[0], steps[1:]

    def run() -> None:
        first()
        one_turn_each(*rest)

    # 1 ms, not 0: a zero timer runs in the same pass as the others due, the window waiting.
    QTimer.singleShot(1, run)
