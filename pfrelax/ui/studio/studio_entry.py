"""File → "Make a pack for a patient…": opens the pack studio beside the app's window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from pfrelax.services.preferences import Preferences
    from pfrelax.ui.studio.studio_window import StudioWindow

TEXT = "Make a pack for a patient…"


class StudioEntry:
    """The menu entry and the one studio window it opens (brought forward if already open)."""

    def __init__(
        self, window: QMainWindow, menu: QMenu, preferences: Preferences | None = None
    ) -> None:
        self._window = window
        self._preferences = preferences  # the app's: Preview follows the person's settings
        self.studio: StudioWindow | None = None
        self.action = QAction(TEXT, window)
        self.action.triggered.connect(self.open)
        actions = menu.actions()
        if actions:
            menu.insertAction(actions[0], self.action)  # above Import pack… and Quit
        else:
            menu.addAction(self.action)

    def open(self) -> StudioWindow:
        if self.studio is None:
            # Imported when first opened: the entry is added just after the app's first
            # paint, and the studio's forms took ~25 ms of that turn.
            from pfrelax.ui.studio.studio_window import StudioWindow

            # Its own top-level window: the PT works beside the app.
            self.studio = StudioWindow(self._preferences)
        self.studio.show()
        self.studio.raise_()
        self.studio.activateWindow()
        return self.studio

    def shutdown(self) -> None:
        if self.studio is not None:
            self.studio.changed = False  # the app is quitting: nothing left to ask about
            self.studio.close()
            self.studio.deleteLater()
            self.studio = None
