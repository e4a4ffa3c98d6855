"""Guards against a Qt binding that corrupts the interpreter (PySide6 6.12.0 on Python 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_void_qt_calls_do_not_leak_references_to_none() -> None:
    # PySide6 6.12.0 took one reference from None per void call; Python 3.11 aborts after a few
    # thousand ("deallocating None"). constraints.txt pins a release without the bug.
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) - before >= -5
