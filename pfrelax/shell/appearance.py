"""The window's colours: the theme setting or the desktop's scheme, applied to every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pfrelax.shell.services import AppServices
from pfrelax.ui.common.theme import Palette, ThemeMode, apply_theme, resolve_palette
from pfrelax.ui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from pfrelax.ui.common.theme_follow import ThemeFollower


class Appearance:
    """Owns the palette; follows the desktop's light/dark switch while the theme is "system"."""

    def __init__(self, app: QApplication, services: AppServices) -> None:
        self._app, self._services = app, services
        # Without asking the desktop's scheme in Qt's enum: see attach.
        self.palette = resolve_palette(ThemeMode(services.settings.theme), app, ask_scheme=False)
        self._window: MainWindow | None = None
        self._followers: list[Callable[[Palette], None]] = []  # what is not a page (importer)
        self.following_scheme = False
        self._follower: ThemeFollower | None = None  # set by attach

    def attach(self, window: MainWindow) -> None:
        """Colour `window` now and whenever the theme or the desktop's scheme changes."""
        from pfrelax.ui.common.theme_follow import ThemeFollower

        self._window = window
        # Applies the theme at once, light or dark as the desktop's own palette says; the
        # scheme itself is asked (in a `Qt` enum PySide6 builds with ~100 others, ~16 ms) once
        # the window has painted (confirm_scheme, called by pfrelax.launch).
        self._follower = ThemeFollower(self._app, self._mode, ask_scheme=False)
        self._follower.applied.connect(self._on_applied)
        self.following_scheme = True
        self._services.shutdown.add("desktop", self._stop_following_scheme)
        self._on_applied(self._follower.palette)

    def confirm_scheme(self) -> None:
        """Ask the desktop's colour scheme itself (after the first paint): the same answer as
        its palette gave, normally; if not, colour everything again."""
        if self._follower is not None:
            self._follower.confirm_scheme()

    def follow(self, follower: Callable[[Palette], None]) -> None:
        self._followers.append(follower)
        follower(self.palette)

    def apply(self) -> None:
        """The theme setting changed: colour everything again."""
        if self._follower is not None:
            self._follower.apply()
        else:
            self.palette = resolve_palette(self._mode(), self._app)
            apply_theme(self._app, self.palette)

    def _mode(self) -> ThemeMode:
        return ThemeMode(self._services.settings.theme)

    def _on_applied(self, palette: Palette) -> None:
        self.palette = palette
        if self._window is not None:
            for page in self._window.all_pages():  # a page not built yet takes it when it is
                page.set_palette(palette)
        for follower in self._followers:
            follower(palette)

    def _stop_following_scheme(self) -> None:
        # The app outlives this window (tests build several): stop following the desktop.
        if self._follower is not None and self.following_scheme:
            self.following_scheme = False
            self._follower.stop()
            self._follower.applied.disconnect(self._on_applied)
