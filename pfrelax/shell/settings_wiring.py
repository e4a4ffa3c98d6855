"""The Settings dialog and what follows a change of preferences across the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pfrelax.core.settings import SettingsError
from pfrelax.shell.appearance import Appearance
from pfrelax.shell.late_parts import LateParts
from pfrelax.shell.lock_wiring import LockWiring
from pfrelax.shell.player_wiring import PlayerWiring
from pfrelax.shell.services import AppServices
from pfrelax.ui.main_window import MainWindow
from pfrelax.ui.privacy.discreet import apply_name

if TYPE_CHECKING:
    from pfrelax.ui.settings.settings_dialog import SettingsDialog


class SettingsWiring:
    """Opens Settings; applies each saved change to the theme, reminders, name and lock."""

    def __init__(
        self,
        window: MainWindow,
        services: AppServices,
        appearance: Appearance,
        *,
        late: LateParts,
        player: PlayerWiring,
        lock: LockWiring,
    ) -> None:
        self._window, self._services, self._appearance = window, services, appearance
        self._late, self._player, self._lock = late, player, lock
        self._told_unsaved = False
        services.preferences.subscribe(self._on_preferences_changed)
        services.preferences.subscribe_unsaved(self._on_preferences_unsaved)
        services.shutdown.add("desktop", self._stop_following_preferences)
        apply_name(window, services.settings.discreet_name)

    def open_settings(self) -> SettingsDialog:
        """Open the settings dialog (window-modal, not blocking); OK saves and applies."""
        from pfrelax.services.voices import find_speech_engine
        from pfrelax.ui.common.dialogs import open_once
        from pfrelax.ui.settings.settings_dialog import SettingsDialog  # only when asked for

        hub = self._late.reminder_hub
        tray, autostart = hub.dialog_options() if hub is not None else (False, False)
        # If the player already looked for a voice, ask it rather than looking again.
        audio = self._player.player_audio
        find = audio.speech_engine if audio is not None else None
        dialog = SettingsDialog(
            self._services.settings,
            self._window,
            find_speech=find or find_speech_engine,
            tray_available=tray,
            autostart=autostart,
        )
        dialog.accepted.connect(lambda: self._on_settings_accepted(dialog))
        dialog.privacy_requested.connect(lambda: self._lock.open_privacy(dialog))
        open_once(dialog)
        return dialog

    def _on_settings_accepted(self, dialog: SettingsDialog) -> None:
        self._services.preferences.change(**dialog.changes())
        if self._late.reminder_hub is not None:
            self._late.reminder_hub.set_autostart(dialog.autostart_wanted)

    def _on_preferences_changed(self, changed: frozenset[str]) -> None:
        if "theme" in changed:
            self._appearance.apply()
        self._late.preferences_changed(changed)
        if "discreet_name" in changed:
            apply_name(self._window, self._services.settings.discreet_name)
        self._lock.apply_settings()

    def _on_preferences_unsaved(self, error: SettingsError) -> None:
        """Say so once (the settings still apply until pfrelax closes)."""
        if not self._told_unsaved:
            self._told_unsaved = True
            from pfrelax.ui.common.store_recovery import tell

            tell(self._window, "Settings", str(error))

    def _stop_following_preferences(self) -> None:
        preferences = self._services.preferences
        preferences.unsubscribe(self._on_preferences_changed)
        preferences.unsubscribe_unsaved(self._on_preferences_unsaved)
