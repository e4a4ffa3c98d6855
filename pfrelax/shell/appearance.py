"""The window's colours: the theme setting or the desktop's scheme, applied to every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pfrelax.shell.services import AppServices
from pfrelax.ui.common.theme import Palette, ThemeMode, apply_theme, resolve_palette
from pfrelax.ui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


class Appearance:
    """Owns the palette; follows the desktop's light/dark switch while the theme is "system"."""

    def __init__(self, app: QApplication, services: AppServices) -> None:
        self._app, self._services = app, services
        self.palette: Palette = resolve_palette(ThemeMode(services.settings.theme), app)
        self._window: MainWindow | None = None
        self._followers: list[Callable[[Palette], None]] = []  # what is not a page (importer)
        self.following_scheme = False

    def attach(self, window: MainWindow) -> None:
        """Colour `window` now and whenever the theme or the desktop's scheme changes."""
        self._window = window
        self._app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.following_scheme = True
        self._services.shutdown.add("desktop", self._stop_following_scheme)
        self.apply()

    def follow(self, follower: Callable[[Palette], None]) -> None:
        self._followers.append(follower)
        follower(self.palette)

    def apply(self) -> None:
        self.palette = resolve_palette(ThemeMode(self._services.settings.theme), self._app)
        apply_theme(self._app, self.palette)
        if self._window is not None:
            for page in self._window.all_pages():  # a page not built yet takes it when it is
                page.set_palette(self.palette)
        for follower in self._followers:
            follower(self.palette)

    def _on_color_scheme_changed(self) -> None:
        if self._services.settings.theme == ThemeMode.SYSTEM:
            self.apply()

    def _stop_following_scheme(self) -> None:
        # The app outlives this window (tests build several): stop following the desktop.
        if self.following_scheme:
            self.following_scheme = False
            self._app.styleHints().colorSchemeChanged.disconnect(self._on_color_scheme_changed)
