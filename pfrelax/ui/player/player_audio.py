"""The Qt side of the player's sound (`services.sound` does the work): it checks the output's
health on a timer while sound moves, follows the preferences, and hands them the panel's choices.

The sound panel's choices go to the sound service at once and to the preferences: a dragged
volume once it rests, anything else at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from pfrelax.core.settings import Settings
from pfrelax.core.transport import State
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.services.sound import (
    AUDIO_ENV,
    RACING_REASON,
    STALLED_REASON,
    AudioEngine,
    Sound,
    SpeechEngine,
    audio_preference,
    panel_fields,
    settings_gains,
    sound_choice,
)
from pfrelax.ui.common.bridge import PlaybackSignals, SoundSignals
from pfrelax.ui.common.follow_preferences import follow

__all__ = [
    "AUDIO_ENV",
    "RACING_REASON",
    "STALLED_REASON",
    "PlayerAudio",
    "audio_preference",
    "settings_gains",
    "sound_choice",
]

_VOLUMES = frozenset({"voice_volume", "cues_volume", "ambient_volume"})
STALL_CHECK_MS = 250  # how often a moving session checks its output keeps real time
SAVE_DELAY_MS = 400  # a slider being dragged is saved once it rests, not at every step


class PlayerAudio(QObject):
    """Follows one `Sound` service for the player: its signals, its timers."""

    engine_changed = Signal()  # an engine was connected to playback, or closed
    notice_changed = Signal()  # `sound.unavailable` or `sound.voice_source` changed
    settings_shown = Signal(Settings)  # settings from outside, for the panel to show

    def __init__(
        self,
        sound: Sound,
        playback: Playback,
        preferences: Preferences,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.sound = sound
        self._preferences = preferences
        self._sound_signals = SoundSignals(sound, self)
        self._playback_signals = PlaybackSignals(playback, self)
        self._sound_signals.engine_changed.connect(self._on_sound_engine_changed)
        self._sound_signals.notice_changed.connect(self.notice_changed)
        self._sound_signals.chosen.connect(self._on_sound_chosen)
        self._sound_signals.applied.connect(self.settings_shown)
        self._playback_signals.state_changed.connect(self._on_playback_state_changed)
        self._stall_timer = QTimer(self)
        self._stall_timer.setInterval(STALL_CHECK_MS)
        self._stall_timer.timeout.connect(self._on_stall_timer_timeout)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._on_save_timer_timeout)
        sound.apply_settings(preferences.settings)
        follow(preferences, self, self._on_preferences_changed)

    @property
    def engine(self) -> AudioEngine | None:
        return self.sound.engine

    @property
    def settings(self) -> Settings:
        return self.sound.settings

    def speech_engine(self) -> SpeechEngine | None:
        return self.sound.speech_engine()

    def _on_preferences_changed(self, _changed: frozenset[str]) -> None:
        """New preferences (the dialog's, or the panel's saved): the panel shows them, sound
        plays them; a volume still being dragged is newer than their copy of it."""
        settings = self._preferences.settings
        if self._save_timer.isActive():
            settings = settings.replace(**panel_fields(self.sound.settings))
        self.sound.apply_settings(settings)

    def hold_silent(self, silent: bool) -> None:
        """Mute while the app is locked or hidden (the saved mute setting is left alone)."""
        self.sound.hold_silent(silent)

    @property
    def silent_held(self) -> bool:
        return self.sound.silent_held

    def shutdown(self) -> None:
        """Close the engine (playback gets its own clock back), wait for the worker, stop every
        timer, and hand out unsaved settings."""
        self.sound.shutdown()
        self._stall_timer.stop()
        if self._save_timer.isActive():
            self._flush_settings()

    # --- the output's health -------------------------------------------------------------------
    def _follow_watching(self) -> None:
        if self.sound.watching:
            self._stall_timer.start()
        else:
            self._stall_timer.stop()

    def _on_sound_engine_changed(self) -> None:
        self._follow_watching()
        self.engine_changed.emit()

    def _on_playback_state_changed(self, _state: State) -> None:
        self._follow_watching()

    def _on_stall_timer_timeout(self) -> None:
        self.sound.check_output()
        self._follow_watching()

    # --- saving the panel's choices ------------------------------------------------------------
    def _on_sound_chosen(self, settings: Settings) -> None:
        """A choice on the panel: volumes wait to rest, anything else is saved at once."""
        if set(self._unsaved(settings)) <= _VOLUMES:
            self._save_timer.start()
        else:
            self._flush_settings()

    def _on_save_timer_timeout(self) -> None:
        self._flush_settings()

    def _unsaved(self, settings: Settings) -> dict[str, object]:
        saved = self._preferences.settings
        fields = panel_fields(settings)
        return {key: value for key, value in fields.items() if getattr(saved, key) != value}

    def _flush_settings(self) -> None:
        """Hand the panel's choices not yet saved to the preferences, which save them."""
        self._save_timer.stop()
        changes = self._unsaved(self.sound.settings)
        if changes:
            self._preferences.change(**changes)
