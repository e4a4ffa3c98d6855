"""Notes shown once after the window is up: the first-run note (CLINICAL.md §5 and §1)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from pfrelax.ui.main_window import MainWindow


def show_first_run_note(window: MainWindow, seen: Callable[[], None]) -> None:
    """What pfrelax is and is not, and the stop rules; `seen` once it is closed."""
    from pfrelax.ui.common.help_dialogs import first_run_box  # not needed for the first paint

    box = first_run_box(window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.lend_shortcuts(box)
    box.finished.connect(lambda _result: seen())
    # Not modal: a note to read, and the window (Ctrl+Q included) stays usable.
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
