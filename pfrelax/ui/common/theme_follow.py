"""A window of its own (the standalone studio) coloured like the app: the theme setting, or the
desktop's light/dark scheme, followed while it changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from pfrelax.ui.common.theme import Palette, ThemeMode, apply_theme, resolve_palette


class ThemeFollower(QObject):
    """Applies the palette and stylesheet of `mode()` to `app` now, and again whenever the
    desktop's scheme changes while the mode is "system". `stop()` lets go of the desktop."""

    applied = Signal(Palette)  # the palette now in use

    def __init__(
        self, app: QApplication, mode: Callable[[], ThemeMode], *, ask_scheme: bool = True
    ) -> None:
        """`ask_scheme=False`: the desktop's palette decides for now (see `resolve_palette`);
        `confirm_scheme` asks the scheme itself later."""
        super().__init__(app)
        self._app = app
        self._mode = mode
        self.palette: Palette = resolve_palette(mode(), app, ask_scheme=ask_scheme)
        self._following = True
        app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.apply(ask_scheme=ask_scheme)

    def apply(self, *, ask_scheme: bool = True) -> None:
        self.palette = resolve_palette(self._mode(), self._app, ask_scheme=ask_scheme)
        apply_theme(self._app, self.palette)
        self.applied.emit(self.palette)

    def confirm_scheme(self) -> None:
        """Ask the desktop's scheme itself, and colour again only if the palette read without
        it told otherwise. Qt's platforms build their palette from the scheme, so normally the
        answers agree and nothing is painted twice."""
        if resolve_palette(self._mode(), self._app) is not self.palette:
            self.apply()

    def stop(self) -> None:
        if self._following:
            self._following = False
            self._app.styleHints().colorSchemeChanged.disconnect(self._on_color_scheme_changed)

    def _on_color_scheme_changed(self) -> None:
        if self._mode() is ThemeMode.SYSTEM:
            self.apply()
