"""The app lock, hide now and the passphrase, wired to the window, the player and the history."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pfrelax import paths
from pfrelax.shell.player_wiring import PlayerWiring
from pfrelax.shell.services import AppServices
from pfrelax.ui.main_window import MainWindow
from pfrelax.ui.player.session_hush import SessionHush

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from pfrelax.core.transport import State
    from pfrelax.services.privacy import Privacy
    from pfrelax.store.cipher import DatabaseKey
    from pfrelax.ui.privacy.app_lock import AppLock
    from pfrelax.ui.privacy.hide_now import HideNow
    from pfrelax.ui.privacy.privacy_dialog import PrivacyDialog


class LockWiring:
    """Owns the history's key and the app lock (docs/privacy.md): built only once a passphrase
    is set (an encrypted history locks at once). `key_changed` runs when the start-up lock
    opens or the passphrase changes."""

    def __init__(
        self,
        window: MainWindow,
        services: AppServices,
        *,
        key_changed: Callable[[], None],
        player: PlayerWiring,
    ) -> None:
        self._window, self._services = window, services
        # A session paused and muted while locked or hidden, as it was after.
        self._hush = SessionHush(player.built_page, lambda: player.player_audio)
        self._key_changed = key_changed
        self._player = player
        self.database_key: DatabaseKey | None = None
        self.app_lock: AppLock | None = None
        self._start_if_encrypted()
        self.hide_now: HideNow | None = None  # add_hide_now, with the window's menus' actions
        # The playback service comes with the player (not needed for the first paint).
        player.on_built(lambda: services.playback.on_state_changed(self._on_session_state_changed))

    def _start_if_encrypted(self) -> None:
        from pfrelax.store.file_kind import is_encrypted

        if is_encrypted(paths.database_path()):
            self.ensure_app_lock().start()

    def history_locked(self) -> bool:
        """Encrypted, and the passphrase not yet given: nothing may open the history."""
        return self.app_lock is not None and self.app_lock.active and self.database_key is None

    def ensure_app_lock(self) -> AppLock:
        if self.app_lock is None:
            from pfrelax.services.privacy import Privacy
            from pfrelax.ui.privacy.app_lock import AppLock

            self.app_lock = AppLock(
                self._window,
                Privacy(paths.database_path()),
                self._services.clock,
                self._services.settings,
                before_lock=self._hush.for_lock,
                after_unlock=self._hush.after_unlock,
                session_moving=self._hush.session_moving,
                minimised=self._window.minimised,
            )
            self.app_lock.started.connect(self._on_app_lock_started)
            self._services.shutdown.add("pages", self.app_lock.shutdown)
        return self.app_lock

    def apply_settings(self) -> None:
        if self.app_lock is not None:
            self.app_lock.apply_settings(self._services.settings)

    def open_privacy(self, parent: QWidget) -> PrivacyDialog:
        """Set, change or remove the passphrase (Settings → Privacy → Passphrase…)."""
        from pfrelax.services.privacy import Privacy
        from pfrelax.ui.common.dialogs import open_once
        from pfrelax.ui.privacy.privacy_dialog import PrivacyDialog

        encrypted = Privacy(paths.database_path()).encrypted()
        dialog = PrivacyDialog(encrypted, self._change_passphrase, parent)
        open_once(dialog)
        return dialog

    def _change_passphrase(self, change: Callable[[Privacy], DatabaseKey | None]) -> None:
        """Rewrite the history the app has open; StoreError (words to show) when it cannot."""
        from pfrelax.services.privacy import Privacy, StoreError

        if self._player.is_moving():
            raise StoreError("Stop or finish the session first, then change the passphrase.")
        history = self._services.history
        privacy = Privacy(paths.database_path())
        self.database_key = privacy.rewrite_open(history.opened, change, self.database_key)
        history.key = self.database_key
        self.ensure_app_lock().set_key(self.database_key)
        self._key_changed()

    def _on_session_state_changed(self, _state: State) -> None:
        if self.app_lock is not None:
            self.app_lock.session_changed()

    def _on_app_lock_started(self, key: DatabaseKey) -> None:
        self.database_key = self._services.history.key = key
        self._key_changed()

    def add_hide_now(self) -> None:
        """Hide now in the View menu and on its key (once the menus have their actions)."""
        from pfrelax.ui.privacy.hide_now import HideNow

        hide_now = HideNow(
            self._window,
            quieten=self._hush.for_hide,
            restore=lambda: self._hush.after_hide(
                self.app_lock is not None and self.app_lock.locked
            ),
        )
        self._window.view_menu.addAction(hide_now.action)
        self.hide_now = hide_now
