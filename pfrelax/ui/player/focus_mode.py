"""Focus mode: full screen, the chrome gone, and the bottom bar fading out while nobody moves.

After a few seconds without mouse or key the faded widgets (and the pointer) fade out over half a
second; any movement or key brings them back. The idle timer runs only while in focus mode.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

IDLE_MS = 3_000
FADE_MS = 500


class _Fader:
    """One widget's opacity effect and the animation that moves it."""

    def __init__(self, widget: QWidget) -> None:
        # Imported with the first faded widget (the player's bar), not for the window's first
        # paint: PySide6 builds these classes' enums on import (~5 ms, the effect's ~1 ms).
        from PySide6.QtCore import QEasingCurve, QPropertyAnimation
        from PySide6.QtWidgets import QGraphicsOpacityEffect

        self.widget = widget
        self.effect = QGraphicsOpacityEffect(widget)
        self.effect.setOpacity(1.0)
        self.effect.setEnabled(False)  # an effect costs an offscreen render; only while fading
        widget.setGraphicsEffect(self.effect)
        self.animation = QPropertyAnimation(self.effect, b"opacity", widget)
        self.animation.setDuration(FADE_MS)
        self.animation.setEasingCurve(QEasingCurve.Type.InOutSine)

    def fade_to(self, opacity: float) -> None:
        self.animation.stop()
        self.effect.setEnabled(True)
        self.animation.setStartValue(self.effect.opacity())
        self.animation.setEndValue(opacity)
        self.animation.start()

    def reset(self) -> None:
        self.animation.stop()
        self.effect.setOpacity(1.0)
        self.effect.setEnabled(False)


class FocusMode(QObject):
    changed = Signal(bool)  # entered (True) or left (False)
    chrome_faded = Signal(bool)  # the bottom bar went (True) or came back (False)

    def __init__(self, window: QWidget, hidden: list[QWidget], faded: list[QWidget]) -> None:
        super().__init__(window)
        self._window = window
        self._hidden = hidden  # gone at once on entering: the layout changes once, not later
        self._faders = [_Fader(widget) for widget in faded]
        self._active = False
        self._faded = False
        self._was_maximized = False
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self._on_idle_timeout)

    def add_faded(self, widget: QWidget) -> None:
        """Another widget to fade when idle (a page built after the window, e.g. the player)."""
        self._faders.append(_Fader(widget))

    def set_idle_ms(self, ms: int) -> None:
        """How long without movement before the chrome fades (tests make it short)."""
        self._idle.setInterval(ms)

    @property
    def active(self) -> bool:
        return self._active

    @property
    def faded(self) -> bool:
        return self._faded

    def toggle(self) -> None:
        if self._active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        if self._active:
            return
        self._active = True
        self._was_maximized = self._window.isMaximized()
        for widget in self._hidden:
            widget.hide()
        self._window.showFullScreen()
        _install_filter(self, install=True)
        self._idle.start()
        self.changed.emit(True)

    def leave(self) -> None:
        if not self._active:
            return
        self._active = False
        _install_filter(self, install=False)
        self._idle.stop()
        self._reveal(animate=False)
        for widget in self._hidden:
            widget.show()
        if self._was_maximized:
            self._window.showMaximized()
        else:
            self._window.showNormal()
        self.changed.emit(False)

    def _on_idle_timeout(self) -> None:
        self._faded = True
        for fader in self._faders:
            fader.fade_to(0.0)
        self._window.setCursor(QtCore.Qt.CursorShape.BlankCursor)
        self.chrome_faded.emit(True)

    def _reveal(self, *, animate: bool) -> None:
        if self._faded:
            self._faded = False
            self._window.unsetCursor()
            for fader in self._faders:
                if animate:
                    fader.fade_to(1.0)
                else:
                    fader.reset()
            self.chrome_faded.emit(False)
        elif not animate:
            for fader in self._faders:
                fader.reset()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.MouseMove,
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.Wheel,
        ):
            self._reveal(animate=True)
            self._idle.start()
        return False


def _install_filter(watcher: QObject, *, install: bool) -> None:
    """Watch (or stop watching) every event of the app: movement anywhere reveals the chrome."""
    app = QApplication.instance()
    if app is None:
        return
    if install:
        app.installEventFilter(watcher)
    else:
        app.removeEventFilter(watcher)
