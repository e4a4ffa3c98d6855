"""Errors on screen: "your input" said plainly; "our bug" with "please report" and the details."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtWidgets import QWidget

from pfrelax.bug_report import bug_message, details, save_details
from pfrelax.errors import InputError
from pfrelax.ui.common.app_name import app_name

if TYPE_CHECKING:  # the box's module is imported when a box is first shown, not at start-up
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class ErrorReporter:
    """Shows an error that reached the window; as the app's excepthook, every uncaught one.

    The app keeps running: the box is non-modal, and a bug's traceback goes to the details box
    and a file in `folder()` (the cache folder), never to the person's face.
    """

    def __init__(self, parent: QWidget, folder: Callable[[], Path]) -> None:
        self._parent = parent
        self._folder = folder
        self._previous: ExceptHook | None = None
        self.shown: QMessageBox | None = None  # the last box, for tests

    def show(self, error: BaseException) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        if isinstance(error, InputError):
            box = self._box(QMessageBox.Icon.Information, error.plain() or app_name())
        else:
            log.debug("our bug", exc_info=error)  # kept in the file; never on the terminal alone
            box = self._box(QMessageBox.Icon.Warning, bug_message(self._save(error)))
            box.setDetailedText(details(error))
        box.show()
        self.shown = box
        return box

    def install(self) -> None:
        """Become `sys.excepthook` (a slot that raises lands here); `uninstall` puts it back."""
        if self._previous is None:
            self._previous = sys.excepthook
            sys.excepthook = self._hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
            self._previous = None

    def _hook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if not isinstance(error, Exception) and self._previous is not None:
            self._previous(kind, error, trace)  # Ctrl+C in a terminal: not ours to explain
            return
        self.show(error.with_traceback(trace))

    def _save(self, error: BaseException) -> Path | None:
        try:
            return save_details(error, self._folder())
        except OSError:  # the cache folder itself cannot be made
            return None

    def _box(self, icon: QMessageBox.Icon, message: str) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        ok = QMessageBox.StandardButton.Ok
        box = QMessageBox(icon, app_name(), message, ok, self._parent)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(QtCore.Qt.WindowModality.NonModal)
        return box
