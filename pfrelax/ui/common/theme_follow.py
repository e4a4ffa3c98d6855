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

    def __init__(self, app: QApplication, mode: Callable[[], ThemeMode]) -> None:
        super().__init__(app)
        self._app = app
        self._mode = mode
        self.palette: Palette = resolve_palette(mode(), app)
        self._following = True
        app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.apply()

    def apply(self) -> None:
        self.palette = resolve_palette(self._mode(), self._app)
        apply_theme(self._app, self.palette)
        self.applied.emit(self.palette)

    def stop(self) -> None:
        if self._following:
            self._following = False
            self._app.styleHints().colorSchemeChanged.disconnect(self._on_color_scheme_changed)

    def _on_color_scheme_changed(self) -> None:
        if self._mode() is ThemeMode.SYSTEM:
            self.apply()
