"""A worker thread's typed answer runs on the GUI thread, once, with its value intact."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pfrelax.ui.common.worker_answer import WorkerAnswer


def test_an_answer_from_a_worker_runs_on_the_gui_thread_with_its_value(qtbot: QtBot) -> None:
    relay = WorkerAnswer()
    received: list[tuple[Path, str]] = []

    def take(path: Path) -> None:
        received.append((path, threading.current_thread().name))

    worker = threading.Thread(
        target=lambda: relay.answer(lambda: take(Path("calm.pfpack"))), name="worker"
    )
    worker.start()
    worker.join()
    assert received == []  # queued: nothing runs on the worker
    qtbot.waitUntil(lambda: received != [])
    assert received == [(Path("calm.pfpack"), threading.main_thread().name)]


def test_two_answers_in_turn_each_run_once(qtbot: QtBot) -> None:
    relay = WorkerAnswer()
    received: list[int] = []
    relay.answer(lambda: received.append(1))
    qtbot.waitUntil(lambda: received == [1])
    relay.answer(lambda: received.append(2))
    qtbot.waitUntil(lambda: received == [1, 2])
    QApplication.processEvents()  # a (wrong) second run would be queued by now
    assert received == [1, 2]


def test_two_answers_given_at_once_both_run_in_order(qtbot: QtBot) -> None:
    relay = WorkerAnswer()
    received: list[str] = []

    def answer_twice() -> None:
        relay.answer(lambda: received.append("first"))
        relay.answer(lambda: received.append("second"))

    worker = threading.Thread(target=answer_twice)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(received) == 2)
    QApplication.processEvents()
    assert received == ["first", "second"]
