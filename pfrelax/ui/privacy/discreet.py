"""Discreet mode: the app calls itself "Calm", and files it suggests are named by date only."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from pfrelax import paths
from pfrelax.desktop.autostart import DISCREET_NAME
from pfrelax.ui.common.app_name import app_name
from pfrelax.ui.common.texts import APP_TITLE

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtGui import QIcon

__all__ = ["DISCREET_NAME", "app_icon", "app_name", "apply_name", "name_window", "suggested_file"]


def app_icon(discreet: bool) -> QIcon:
    """pfrelax's icon, or in discreet mode the neutral one (a calm abstract shape)."""
    from PySide6.QtGui import QIcon  # not before the first paint (its enums, its decoding)

    return QIcon(str(paths.assets_dir() / "icon" / ("calm.png" if discreet else "pfrelax.png")))


def name_window(window: QWidget, discreet: bool) -> None:
    """Rename the app and its window (the taskbar shows the window's title): from the first
    paint on, the window never shows the other name."""
    name = DISCREET_NAME if discreet else APP_TITLE
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setApplicationDisplayName(name)
    window.setWindowTitle(name)


def apply_name(window: QWidget, discreet: bool) -> None:
    """`name_window`, and give the app and the window the icon that goes with the name."""
    name_window(window, discreet)
    icon = app_icon(discreet)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setWindowIcon(icon)
    window.setWindowIcon(icon)


def suggested_file(suggested: str, today: date | None = None) -> str:
    """In discreet mode a file the app suggests is named by the date only
    (pfrelax-report.pdf → 2026-12-02.pdf); otherwise `suggested` as it is."""
    if app_name() != DISCREET_NAME:
        return suggested
    suffixes = "".join(PurePath(suggested).suffixes)
    if today is None:
        from datetime import date  # when a file is first suggested, not before the first paint

        today = date.today()
    return f"{today.isoformat()}{suffixes}"
