"""The app lock: at start, after idle minutes, on minimise; hides everything behind the lock
screen and asks the composition to pause and mute, and to resume after the passphrase."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from pfrelax.core.clock import Clock
from pfrelax.core.settings import Settings
from pfrelax.services.lock_timing import IdleWatch, UnlockAttempts
from pfrelax.services.privacy import DatabaseKey, LockedError, Privacy
from pfrelax.ui.privacy.desktop_lock import DesktopLockWatch
from pfrelax.ui.privacy.lock_screen import ASK_TEXT, LockScreen

IDLE_CHECK_MS = 1000
# What counts as the person being there: a key, a click, the mouse moving, the wheel.
_PRESENCE = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
    }
)


class AppLock(QObject):
    """Locks `window` while a passphrase is set. `before_lock` pauses and mutes a session;
    `after_unlock` resumes it. `started` carries the key the first unlock opened."""

    locked_changed = Signal(bool)
    started = Signal(DatabaseKey)  # once, when the start-up lock opens

    def __init__(
        self,
        window: QMainWindow,
        privacy: Privacy,
        clock: Clock,
        settings: Settings,
        *,
        before_lock: Callable[[], None],
        after_unlock: Callable[[], None],
        desktop: DesktopLockWatch | None = None,
        session_moving: Callable[[], bool] = lambda: False,
        minimised: SignalInstance | None = None,
    ) -> None:
        super().__init__(window)
        self._window, self._privacy = window, privacy
        self._before_lock, self._after_unlock = before_lock, after_unlock
        # While it is, idle minutes do not count (unless the person chose lock_in_session).
        self._session_moving = session_moving
        self.screen = LockScreen()
        self.screen.passphrase_entered.connect(self._on_screen_passphrase_entered)
        self._idle = IdleWatch(
            clock, settings.lock_idle_minutes, in_session=settings.lock_in_session
        )
        self._on_minimise = settings.lock_on_minimise
        self._attempts = UnlockAttempts(clock)
        self.key: DatabaseKey | None = None
        self._active = False
        self._held: QWidget | None = None  # the window's content while locked
        self._disabled: list[QAction] = []
        self._hidden: list[QWidget] = []
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.check_idle)
        self._wait_timer = QTimer(self)
        self._wait_timer.setSingleShot(True)
        self._wait_timer.timeout.connect(self._on_wait_timer_timeout)
        # The desktop's screen lock, where D-Bus tells it (desktop_lock.py).
        self.desktop = desktop if desktop is not None else DesktopLockWatch(self)
        self.desktop.screen_locked.connect(self.lock)
        if minimised is not None:  # the window says so: no filter on its every event needed
            minimised.connect(self._on_minimised)
        app = QApplication.instance()
        self._app = app if isinstance(app, QGuiApplication) else None
        self._watching = False  # whether every event of the app passes through eventFilter
        if self._app is not None:
            self._app.applicationStateChanged.connect(self._on_application_state)

    # --- state ------------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self._held is not None

    @property
    def active(self) -> bool:
        """Whether the lock is in force: a passphrase is set."""
        return self._active

    @property
    def watching_presence(self) -> bool:
        """Whether every event of the app passes through here, to see the person there."""
        return self._watching

    def start(self) -> None:
        """At start-up: lock now if the history is encrypted (its key comes with the unlock)."""
        if self._privacy.encrypted():
            self._active = True
            self._idle_timer.start()
            self._follow_presence()
            self.lock()

    def set_key(self, key: DatabaseKey | None) -> None:
        """A passphrase was set or changed (`key`), or removed (None)."""
        self.key, self._active = key, key is not None
        self._idle.touch()
        if self._active:
            self._idle_timer.start()
        else:
            self._idle_timer.stop()
        self._follow_presence()

    def apply_settings(self, settings: Settings) -> None:
        self._idle.minutes = settings.lock_idle_minutes
        self._idle.in_session = settings.lock_in_session
        self._on_minimise = settings.lock_on_minimise
        self._follow_presence()

    def shutdown(self) -> None:
        self.desktop.stop()
        self._idle_timer.stop()
        self._wait_timer.stop()
        self._set_watching(False)
        if self._app is not None:
            self._app.applicationStateChanged.disconnect(self._on_application_state)
            self._app = None

    # --- locking ------------------------------------------------------------------------------
    def check_idle(self) -> None:
        if not self._active or self.locked:
            return
        if self._idle.due_unless_in_session(self._session_moving()):
            self.lock()

    def session_changed(self) -> None:
        """A session started, paused or ended (the idle minutes may start from now)."""
        self._idle.session_changed()
        self._follow_presence()

    def lock(self) -> None:
        """Hide everything behind the lock screen (no-op without a passphrase, or if locked)."""
        if not self._active or self.locked:
            return
        self._before_lock()
        self._hidden = [w for w in QApplication.topLevelWidgets() if _dialog_over(w, self._window)]
        for dialog in self._hidden:
            dialog.hide()
        self._disabled = [a for a in self._window.actions() if a.isEnabled() and _lockable(a)]
        for action in self._disabled:
            action.setEnabled(False)
        self._window.menuBar().setEnabled(False)
        self._held = self._window.takeCentralWidget()
        if self._held is not None:
            # Taken out, it is a window of its own: hidden explicitly, or Qt shows it again once
            # a minimised main window settles (the library in plain sight, beside the lock).
            self._held.hide()
        self._window.setCentralWidget(self.screen)
        self.screen.show()  # a widget taken out and put back comes back hidden
        self.screen.reset()
        self.locked_changed.emit(True)

    def _unlock(self) -> None:
        held, self._held = self._held, None
        self._window.takeCentralWidget()  # the lock screen: kept for the next lock
        if held is not None:
            self._window.setCentralWidget(held)
            held.show()
        self._window.menuBar().setEnabled(True)
        for action in self._disabled:
            action.setEnabled(True)
        for dialog in self._hidden:
            dialog.show()
        self._disabled, self._hidden = [], []
        self._idle.touch()
        self.locked_changed.emit(False)
        self._after_unlock()

    # --- the passphrase -------------------------------------------------------------------------
    def _on_screen_passphrase_entered(self, passphrase: str) -> None:
        wait = self._attempts.wait_left()
        if wait > 0:
            self.screen.show_wrong(wait)
            self._wait_timer.start(round(wait * 1000))
            return
        if not self._opens(passphrase):
            wait = self._attempts.failed()
            self.screen.show_wrong(wait)
            if wait > 0:
                self._wait_timer.start(round(wait * 1000))
            return
        self._attempts.succeeded()
        self._unlock()

    def _opens(self, passphrase: str) -> bool:
        if self.key is not None:
            return self._privacy.matches(passphrase, self.key)
        try:
            self.key = self._privacy.unlock(passphrase)
        except LockedError:
            return False
        self.started.emit(self.key)
        return True

    def _on_wait_timer_timeout(self) -> None:
        self.screen.message.setText(ASK_TEXT)
        self.screen.set_waiting(False)

    # --- events -------------------------------------------------------------------------------
    def _follow_presence(self) -> None:
        """Watch every event of the app (a key, a click, the mouse: the person is there) only
        while the idle minutes can count: the lock in force, and no session playing unless the
        person chose to lock during one. An app-wide filter is a call into Python for each
        event, ~230 a second while the wave plays (about a point of a core)."""
        self._set_watching(self._active and (self._idle.in_session or not self._session_moving()))

    def _set_watching(self, watching: bool) -> None:
        if self._app is None or watching == self._watching:
            return
        self._watching = watching
        if watching:
            self._app.installEventFilter(self)
        else:
            self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _PRESENCE:
            self._idle.touch()
        return False

    def _on_minimised(self) -> None:
        if self._on_minimise:
            self.lock()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        # Qt reports a suspended app (on platforms that tell); the desktop's screen lock comes
        # from D-Bus where there is one (self.desktop); the idle lock stays the backstop.
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock()


def _lockable(action: QAction) -> bool:
    """Every window shortcut goes while locked, except quitting."""
    return action.shortcutContext() != Qt.ShortcutContext.ApplicationShortcut


def _dialog_over(widget: QWidget, window: QWidget) -> bool:
    """A visible window of the app's own: a dialog of the main window, or of a page in it (the
    session editor belongs to the library page), which would otherwise stay over the lock."""
    if widget is window or not widget.isVisible() or not widget.isWindow():
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False
