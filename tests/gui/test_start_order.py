"""What the start does before and after the first paint: nothing read that it need not, and
the GUI thread's own steps never side by side with the thread that reads the library."""

from __future__ import annotations

import os
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
    # Our package's own files, by folder: the checkout's path may itself say "pfrelax".
    code = (
        "import linecache, os, pfrelax, pfrelax.launch\n"
        "ours = os.path.dirname(pfrelax.__file__) + os.sep\n"
        "print(sorted(name for name in linecache.cache if name.startswith(ours)))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


# Run in a fresh process: the window built as `pfrelax` builds it, and at its first paint, which
# of these it had imported (a PySide6 class: built).
AT_FIRST_PAINT = """
import sys
from pfrelax.launch import build
from pfrelax.launch import create_application
from pfrelax.ui.first_paint import AfterFirstPaint

app = create_application([])
composition = build(app, complete=False)  # as `pfrelax` builds it: the rest after the paint

def loaded(name):
    # A PySide6 class (with its enums; ~100 for the `Qt` namespace) is built on its first use
    # and only then kept in its module's namespace.
    module, _, attribute = name.rpartition(".")
    if module.startswith("PySide6.") and module in sys.modules:
        return attribute in vars(sys.modules[module])
    return name in sys.modules

def report():
    print(sorted(name for name in sys.argv[1:] if loaded(name)))
    app.quit()

AfterFirstPaint(composition.window, report)
composition.window.show()
sys.exit(app.exec())
"""

# What the first screen (the window's frame; the library page is built just after) does without.
NOT_BEFORE_FIRST_PAINT = [
    "pfrelax.ui.library.library_page",  # the library page, in the turn after the paint
    "pfrelax.shell.late_parts",  # and the parts around the pages
    "pfrelax.shell.settings_wiring",
    "PySide6.QtWidgets.QLineEdit",
    "PySide6.QtWidgets.QComboBox",
    "PySide6.QtGui.QIcon",  # the window's icon (decoded for the taskbar) comes with them
    "PySide6.QtGui.QFont",  # the larger headings' fonts (8 enums), with the library page
    "PySide6.QtWidgets.QDialog",  # asked for on closing
    "pfrelax.core.reminders",  # the reminder times are read only when not the defaults
    "datetime",  # (its C module is loaded from disk) for a date shown or a file named
    "pfrelax.core.session",  # the session types (~10 ms): the library has none yet
    "pfrelax.core.checkin",  # the check-in measures: asked for around a session
    "plistlib",  # macOS's login item, with its XML parser
    "pfrelax.store.db",  # the database opens after the paint
    "pfrelax.ui.library.session_card",
    "pyqtgraph",
    "numpy",
    # Qt's enums (~16 ms): the first screen sets its few by number (ui/common/early_enums),
    # its cursors come with the sessions and the desktop's scheme is asked just after.
    "PySide6.QtCore.Qt",
    "PySide6.QtCore.QPropertyAnimation",  # focus mode's fades, with the player
    "PySide6.QtWidgets.QGraphicsOpacityEffect",
]


def test_the_first_paint_does_without_what_the_first_screen_does_not_show(home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PFRELAX_HOME": str(home)}
    found = subprocess.run(
        [sys.executable, "-c", AT_FIRST_PAINT, *NOT_BEFORE_FIRST_PAINT],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        timeout=60,
    )
    assert found.stdout.strip().splitlines()[-1] == "[]"


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
