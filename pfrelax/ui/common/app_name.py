"""The name the app goes by now: "Calm" in discreet mode, else pfrelax (for titles made later)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from pfrelax.ui.common.texts import APP_TITLE


def app_name() -> str:
    """The application's display name, which discreet mode sets to "Calm"; titles end with it so
    that a window or dialog never names pfrelax while the app goes by its neutral name (and
    Qt, which appends the display name to a title not ending with it, adds nothing)."""
    app = QApplication.instance()
    shown = app.applicationDisplayName() if isinstance(app, QApplication) else ""
    return shown or APP_TITLE
