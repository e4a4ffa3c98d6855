"""After the window's first paint: fill in what can wait (the slow part off the GUI thread), and
print markers (player state, first paint) for the e2e test and the startup benchmark."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pfrelax.ui.common.worker_answer import WorkerAnswer

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
    # And the CPU the process has used (every thread), to the microsecond: the startup
    # benchmark's measure that moves least with the machine's other work.
    cpu_ms = time.process_time() * 1000
    sys.stdout.write(f"{READY_MARKER} pyqtgraph_loaded={loaded} cpu_ms={cpu_ms:.1f}\n")
    sys.stdout.flush()
    if quit_after:
        QApplication.quit()


def report_state(state: str) -> None:
    sys.stdout.write(f"{STATE_MARKER} {state}\n")
    sys.stdout.flush()


def in_background(
    work: Callable[[], T], then: Callable[[T], None], parent: QObject
) -> threading.Thread:
    """Run `work` (plain Python: files, parsing, imports; no Qt objects) on a thread, then
    `then(result)` on the GUI thread; an error in `work` is raised there instead.

    Python threads share the interpreter, but the GUI thread gets it back every few milliseconds,
    so work done here never freezes the window the way the same work on the GUI thread would.
    """
    delivery = WorkerAnswer(parent)

    def run() -> None:
        try:
            value = work()
        except Exception as error:  # noqa: BLE001  # raised on the GUI thread instead, as before
            answer = partial(_raise, error, delivery)
        else:
            answer = partial(_deliver, then, value, delivery)
        # The window may have closed meanwhile: then nobody is waiting for the result.
        with contextlib.suppress(RuntimeError):
            delivery.answer(answer)

    thread = threading.Thread(target=run, name="pfrelax-after-first-paint", daemon=True)
    thread.start()
    return thread


def _deliver(then: Callable[[T], None], value: T, delivery: QObject) -> None:
    delivery.deleteLater()
    then(value)


def _raise(error: Exception, delivery: QObject) -> None:
    delivery.deleteLater()
    raise error


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
