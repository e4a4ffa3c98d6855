"""Work that can wait runs just after the window's first paint, once; the slow part off the GUI
thread, the rest one event-loop turn at a time."""

from __future__ import annotations

import subprocess
import sys
import threading

import shiboken6
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.ui.first_paint import AfterFirstPaint, in_background, one_turn_each


def test_callback_runs_once_after_the_first_paint(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    calls: list[str] = []
    AfterFirstPaint(window, lambda: calls.append("filled"))
    assert calls == []
    window.show()
    qtbot.waitUntil(lambda: calls == ["filled"])
    window.repaint()
    QApplication.processEvents()  # a (wrong) second call would be queued by now
    assert calls == ["filled"]


def test_work_in_the_background_runs_off_the_gui_thread_and_delivers_on_it(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    threads: dict[str, threading.Thread] = {}
    delivered: list[int] = []

    def work() -> int:
        threads["work"] = threading.current_thread()
        return 42

    def then(result: int) -> None:
        threads["then"] = threading.current_thread()
        delivered.append(result)

    in_background(work, then, window)
    qtbot.waitUntil(lambda: delivered == [42])
    assert threads["work"] is not threading.main_thread()
    assert threads["then"] is threading.main_thread()


def test_an_error_in_the_background_is_raised_on_the_gui_thread(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)

    def work() -> int:
        raise OSError("the session folder went away")

    with qtbot.captureExceptions() as raised:
        in_background(work, lambda _result: None, window)
        qtbot.waitUntil(lambda: len(raised) == 1)
    assert isinstance(raised[0][1], OSError)


def test_a_window_closed_before_the_background_work_ends_gets_nothing_and_no_error(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    release = threading.Event()
    delivered: list[int] = []

    def work() -> int:
        release.wait(timeout=10)
        return 1

    thread = in_background(work, delivered.append, window)
    shiboken6.delete(window)  # closed and gone, as when the person quits at once
    release.set()
    thread.join(timeout=10)
    QApplication.processEvents()
    assert delivered == []


def test_steps_run_in_order_each_in_its_own_turn_of_the_event_loop(qtbot: QtBot) -> None:
    done: list[str] = []
    one_turn_each(lambda: done.append("a"), lambda: done.append("b"), lambda: done.append("c"))
    assert done == []
    QApplication.processEvents()  # (0 ms timers would all run in one pass; these do not)
    qtbot.waitUntil(lambda: done == ["a", "b", "c"])


def test_the_pack_importer_does_not_bring_numpy_into_the_start() -> None:
    # numpy (the progress charts' maths) took 150 ms on the GUI thread right after first paint.
    code = "import sys, pfrelax.ui.packs.pack_import; print('numpy' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
