"""A page that builds its real widget the first time it is needed, so startup skips it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """Stands in the window's page stack; `page()` (or being shown) builds the real one."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> QWidget:
        if self._page is None:
            self._page = self._build()
            self._layout.addWidget(self._page)
            if self.isVisible():
                self._page.show()  # a child added to a shown widget is not shown for us
        return self._page

    def escape(self) -> None:
        """Esc goes to the real page (the shell asks the current page)."""
        escape = getattr(self._page, "escape", None)
        if callable(escape):
            escape()

    def showEvent(self, event: QShowEvent) -> None:
        self.page()
        super().showEvent(event)
