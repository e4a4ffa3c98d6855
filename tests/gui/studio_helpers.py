"""The pack studio as the studio tests open it: a shown window, and the example pack copied in."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from pfrelax.ui.studio.studio_window import StudioWindow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-release"


def shown_studio(qtbot: QtBot, window: StudioWindow | None = None) -> StudioWindow:
    """`window` (a new studio if None) shown; closing it at the end asks nothing."""
    window = window or StudioWindow()
    # Closing asks about unsaved changes; a test has nothing to save.
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "changed", False))
    window.show()
    qtbot.waitExposed(window)
    return window


def open_example(window: StudioWindow, tmp_path: Path) -> StudioWindow:
    """`window` editing a copy of the example pack in `tmp_path / "riverside"`."""
    folder = tmp_path / "riverside"
    shutil.copytree(EXAMPLE, folder)
    assert window.open_path(folder)
    return window
