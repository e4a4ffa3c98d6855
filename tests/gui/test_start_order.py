"""What the start does before and after the first paint: nothing read that it need not, and
the GUI thread's own steps never side by side with the thread that reads the library."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.launch import after_first_paint

from .test_main_window import compose

READER = "pfrelax-after-first-paint"  # the library-reading thread's name (ui.first_paint)


def _reader_running() -> bool:
    return any(thread.name == READER for thread in threading.enumerate())


def test_starting_does_not_read_the_source_of_our_modules() -> None:
    # PySide6 read every module's whole .py after importing it (its __feature__ switch), even
    # with the bytecode cached: ~10 ms of the time to the first paint.
    code = (
        "import linecache, pfrelax.launch\n"
        "print(sorted(name for name in linecache.cache if 'pfrelax' in name))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_the_library_is_read_only_after_the_gui_threads_own_steps(
    qtbot: QtBot, clock: FakeClock, home: Path
) -> None:
    composition = compose(qtbot, clock, [])
    composition.preferences.change(disclaimer_seen=True)  # no first-run note: no modal box
    after_first_paint(composition)
    assert not _reader_running()  # not in the same turn as the card painter's import
    qtbot.waitUntil(lambda: composition.library is not None, timeout=20_000)
    assert composition.library_page.visible_sessions()  # the built-in library, shown
    qtbot.waitUntil(lambda: composition.late.studio_entry is not None, timeout=20_000)
    composition.window.close()
