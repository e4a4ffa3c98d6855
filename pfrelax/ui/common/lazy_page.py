"""A page that builds its real widget the first time it is needed, so startup skips it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pfrelax.ui.common.page import PageWidget
from pfrelax.ui.common.theme import Palette


class LazyPage(PageWidget):
    """Stands in the window's page stack; `page()` (or being shown) builds the real one.

    As a `Page` it passes Esc, colours and shutdown on to the real page once it exists.
    `build_when_shown=False` waits for `page()` even while shown: the library, which the window
    shows first, is built just after the window's first paint (see `pfrelax.app`).
    """

    def __init__(
        self,
        build: Callable[[], PageWidget],
        parent: QWidget | None = None,
        *,
        build_when_shown: bool = True,
    ) -> None:
        super().__init__(parent)
        self._build = build
        self._build_when_shown = build_when_shown
        self._page: PageWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> PageWidget:
        if self._page is None:
            self._page = self._build()
            self._layout.addWidget(self._page)
            if self.isVisible():
                self._page.show()  # a child added to a shown widget is not shown for us
        return self._page

    def escape(self) -> None:
        if self._page is not None:
            self._page.escape()

    def set_palette(self, palette: Palette) -> None:
        if self._page is not None:
            self._page.set_palette(palette)

    def shutdown(self) -> None:
        if self._page is not None:
            self._page.shutdown()

    def showEvent(self, event: QShowEvent) -> None:
        if self._build_when_shown:
            self.page()
        super().showEvent(event)
