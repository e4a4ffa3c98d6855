"""The Qt side of the player's sound (`services.sound` does the work): it checks the output's
health on a timer while sound moves, and saves the panel's choices once they rest.

The sound panel's choices go to the sound service at once and, a moment later, out as new
Settings to save, so a slider being dragged is saved once, not at every step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from pfrelax.audio.engine import AudioEngine
from pfrelax.audio.speech import SpeechEngine
from pfrelax.core.settings import Settings
from pfrelax.core.transport import State
from pfrelax.services.playback import Playback
from pfrelax.services.sound import (
    AUDIO_ENV,
    RACING_REASON,
    STALLED_REASON,
    Sound,
    audio_preference,
    panel_fields,
    settings_gains,
    sound_choice,
)
from pfrelax.ui.bridge import PlaybackSignals, SoundSignals

__all__ = [
    "AUDIO_ENV",
    "RACING_REASON",
    "STALLED_REASON",
    "PlayerAudio",
    "audio_preference",
    "settings_gains",
    "sound_choice",
]

STALL_CHECK_MS = 250  # how often a moving session checks its output keeps real time
SAVE_DELAY_MS = 400  # a slider being dragged is saved once it rests, not at every step


class PlayerAudio(QObject):
    """Follows one `Sound` service for the player: its signals, its timers."""

    settings_changed = Signal(Settings)  # the panel changed something (save it)
    engine_changed = Signal()  # an engine was connected to playback, or closed
    notice_changed = Signal()  # `sound.unavailable` or `sound.voice_source` changed
    settings_shown = Signal(Settings)  # settings from outside, for the panel to show

    def __init__(self, sound: Sound, playback: Playback, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sound = sound
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

    @property
    def engine(self) -> AudioEngine | None:
        return self.sound.engine

    @property
    def settings(self) -> Settings:
        return self.sound.settings

    def speech_engine(self) -> SpeechEngine | None:
        return self.sound.speech_engine()

    def apply_settings(self, settings: Settings) -> None:
        """New settings (the dialog's, or at start): the panel shows them, sound plays them."""
        unsaved = self._save_timer.isActive()
        if unsaved:
            # A panel change not yet saved is newer than these settings' copy of it.
            settings = settings.replace(**panel_fields(self.sound.settings))
        self.sound.apply_settings(settings)
        if unsaved:
            self._flush_settings()  # the merged settings, so the caller saves the panel's change

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
    def _on_sound_chosen(self, _settings: Settings) -> None:
        self._save_timer.start()

    def _on_save_timer_timeout(self) -> None:
        self.settings_changed.emit(self.sound.settings)

    def _flush_settings(self) -> None:
        self._save_timer.stop()
        self.settings_changed.emit(self.sound.settings)
