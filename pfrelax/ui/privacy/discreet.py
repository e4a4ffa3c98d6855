"""Discreet mode: the app calls itself "Calm", and files it suggests are named by date only."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from pfrelax import paths
from pfrelax.desktop.autostart import DISCREET_NAME
from pfrelax.ui.common.app_name import app_name
from pfrelax.ui.common.texts import APP_TITLE

__all__ = ["DISCREET_NAME", "app_icon", "app_name", "apply_name", "suggested_file"]


def app_icon(discreet: bool) -> QIcon:
    """pfrelax's icon, or in discreet mode the neutral one (a calm abstract shape)."""
    return QIcon(str(paths.assets_dir() / "icon" / ("calm.png" if discreet else "pfrelax.png")))


def apply_name(window: QWidget, discreet: bool) -> None:
    """Rename the app and its window (the taskbar shows the window's title) and give them the
    icon that goes with the name."""
    name = DISCREET_NAME if discreet else APP_TITLE
    icon = app_icon(discreet)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setApplicationDisplayName(name)
        app.setWindowIcon(icon)
    window.setWindowTitle(name)
    window.setWindowIcon(icon)


def suggested_file(suggested: str, today: date | None = None) -> str:
    """In discreet mode a file the app suggests is named by the date only
    (pfrelax-report.pdf → 2026-12-02.pdf); otherwise `suggested` as it is."""
    if app_name() != DISCREET_NAME:
        return suggested
    suffixes = "".join(PurePath(suggested).suffixes)
    return f"{(today or date.today()).isoformat()}{suffixes}"
