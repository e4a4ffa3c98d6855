"""Hide now (Ctrl+Shift+H, discreet mode): pause, mute and minimise at once; the sound comes
back when the window does, and the session waits to be resumed by the person."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from pfrelax.ui.common.early_enums import APPLICATION_SHORTCUT, set_enum_property

HIDE_NOW_KEY = "Ctrl+Shift+H"


class HideNow(QObject):
    """The action and what it does; `quieten` pauses and mutes, `restore` gives the sound back."""

    def __init__(
        self, window: QMainWindow, *, quieten: Callable[[], None], restore: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._quieten, self._restore = quieten, restore
        self._hidden = False
        self.action = QAction("&Hide now", window)
        # setShortcut and setShortcutContext without `Qt`, whose ~100 enums PySide6 would
        # build before the first paint (see early_enums).
        self.action.setShortcuts([QKeySequence(HIDE_NOW_KEY)])
        # From anywhere in the app, a check-in dialog included: it is for a sudden moment.
        set_enum_property(self.action, "shortcutContext", APPLICATION_SHORTCUT)
        self.action.triggered.connect(self.hide)
        window.addAction(self.action)

    def hide(self) -> None:
        self._quieten()
        self._hidden = True
        # Watching the window's events only while it is hidden: a filter sees every one of
        # them, a few each animation frame, and each costs a call into Python.
        self._window.installEventFilter(self)
        self._window.showMinimized()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._hidden
            and event.type() == QEvent.Type.WindowStateChange
            and not self._window.isMinimized()
        ):
            self._hidden = False
            self._window.removeEventFilter(self)
            self._restore()
        return False
