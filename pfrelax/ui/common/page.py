"""What the window and the composition root ask of every page: Esc, colours, shutting down."""

from __future__ import annotations

from typing import Protocol

from PySide6 import QtCore
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pfrelax.ui.common.theme import Palette


class Page(Protocol):
    """A page of the window. Asked directly, never probed for with getattr."""

    def escape(self) -> None:
        """Esc was pressed on this page (and focus mode was not on)."""

    def set_palette(self, palette: Palette) -> None:
        """Draw in these colours from now on."""

    def shutdown(self) -> None:
        """The window is closing: stop timers and work in flight."""


class PageWidget(QWidget):
    """A widget that is a `Page`; each does nothing until a page overrides it."""

    def escape(self) -> None:
        return None

    def set_palette(self, palette: Palette) -> None:
        return None

    def shutdown(self) -> None:
        return None


class UnavailablePage(PageWidget):
    """Stands for a page that needs the history when there is none; says why."""

    def __init__(self, why: str) -> None:
        super().__init__()
        from pfrelax.ui.common.labels import text_label  # only when a page is unavailable

        label = text_label(why, quiet=True)
        label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
