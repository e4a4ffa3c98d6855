"""The player's sound: prepares each session's audio off the GUI thread and lends the transport
the audio engine's frame clock, so picture and sound share one clock.

Opening an output and preparing a session's sound (synthesis, speech) are slow, so they run on a
worker thread; the engine is connected on the GUI thread once ready. The sound panel's choices
go to the engine at once and, a moment later, out as new Settings to save. Without a working
output the panel says so and the session runs silently on its own monotonic clock.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from pfrelax.audio.backends import Backend, BackendError, Opened, open_backend
from pfrelax.audio.engine import AudioEngine, SoundChoice, prepare_sound
from pfrelax.audio.mixer import Gains
from pfrelax.audio.schedule import SessionSound
from pfrelax.audio.speech import SpeechEngine, find_speech_engine
from pfrelax.audio.voice_source import voice_in_use
from pfrelax.core.clock import MonotonicClock
from pfrelax.core.settings import AUDIO_OUTPUTS, Settings
from pfrelax.core.transport import State, Transport
from pfrelax.ui.player_page import PlayerPage
from pfrelax.ui.sound_panel import SoundPanel

log = logging.getLogger(__name__)

AUDIO_ENV = "PFRELAX_AUDIO"  # overrides the audio_output setting, e.g. PFRELAX_AUDIO=null in CI
STALL_CHECK_MS = 250  # how often a moving session checks its output keeps real time
SAVE_DELAY_MS = 400  # a slider being dragged is saved once it rests, not at every step
STALLED_REASON = "the sound output stopped responding"
RACING_REASON = "the sound output ran faster than real time"
_MOVING = (State.COUNT_IN.value, State.PLAYING.value)

OpenOutput = Callable[[str], Opened]
FindSpeech = Callable[[], SpeechEngine | None]


def audio_preference(settings: Settings, environ: Mapping[str, str] | None = None) -> str:
    """The output to open: $PFRELAX_AUDIO when set, else the audio_output setting."""
    value = (os.environ if environ is None else environ).get(AUDIO_ENV, "").strip()
    return value or settings.audio_output


def sound_choice(settings: Settings) -> SoundChoice:
    ambient = None if settings.ambient == "none" else settings.ambient
    return SoundChoice(
        sound_set=settings.sound_set,
        ambient=ambient,
        voice=settings.voice_enabled,
        natural=settings.voice_source == "natural",
    )


def settings_gains(settings: Settings) -> Gains:
    return Gains(
        settings.voice_volume / 100,
        settings.cues_volume / 100,
        settings.ambient_volume / 100,
        muted=settings.muted,
    )


@dataclass(slots=True)
class _Prepared:
    """What a worker made: an output (for a new engine) and a session's sound, or why not."""

    backend: Backend | None
    sound: SessionSound | None
    reason: str = ""

    def close(self) -> None:
        if self.sound is not None:
            self.sound.close()
        if self.backend is not None:
            self.backend.stop()


class _Relay(QObject):
    ready = Signal(int)  # a job's serial; emitted on the worker thread, received on the GUI's


class _Job:
    """One piece of work off the GUI thread. Its result goes to the GUI thread exactly once,
    or, when the job was cancelled first, is closed where it stands: nothing leaks."""

    def __init__(self, serial: int, choice: SoundChoice, work: Callable[[], _Prepared]) -> None:
        self.serial = serial
        self.choice = choice
        self._work = work
        self._lock = threading.Lock()
        self._cancelled = False
        self._result: _Prepared | None = None

    def run(self, relay: _Relay) -> None:
        """On the worker thread."""
        if self._cancelled:
            return
        try:
            result = self._work()
        except Exception as error:  # a worker must report, never die silently
            log.exception("sound: preparing the session's sound failed")
            result = _Prepared(None, None, f"the session's sound could not be prepared ({error})")
        with self._lock:
            keep = not self._cancelled
            if keep:
                self._result = result
        if not keep:
            result.close()
            return
        relay.ready.emit(self.serial)

    def take(self) -> _Prepared | None:
        with self._lock:
            result, self._result = self._result, None
        return result

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            result, self._result = self._result, None
        if result is not None:
            result.close()


class PlayerAudio(QObject):
    """Owns the output, the engine and the speech engine for one PlayerPage."""

    settings_changed = Signal(object)  # Settings: the sound panel changed something (save it)
    engine_changed = Signal()  # an engine was connected to the transport, or closed

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        open_output: OpenOutput = open_backend,
        find_speech: FindSpeech = find_speech_engine,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_output = open_output
        self._find_speech = find_speech
        self._environ = environ
        self._speech_lock = threading.Lock()
        self._speech: tuple[SpeechEngine | None] | None = None  # a 1-tuple once looked for
        self._settings = Settings()
        self._player: PlayerPage | None = None
        self._transport: Transport | None = None
        self.engine: AudioEngine | None = None
        self._engine_choice: SoundChoice | None = None
        self._shown_error: str | None = None
        self._engine_job: _Job | None = None
        self._sound_job: _Job | None = None
        self._serial = 0
        self._applying = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one job at a time; a newer session cancels older ones
        self._relay = _Relay(self)
        self._relay.ready.connect(self._on_relay_ready)
        self._stall_timer = QTimer(self)
        self._stall_timer.setInterval(STALL_CHECK_MS)
        self._stall_timer.timeout.connect(self._on_stall_timer_timeout)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._on_save_timer_timeout)
        self._silent = False  # held silent by the app lock, whatever the settings say

    # --- wiring -------------------------------------------------------------------------------
    def attach(self, player: PlayerPage, settings: Settings) -> None:
        """Follow `player`'s sessions with sound, and its sound panel's choices."""
        self._player = player
        panel = player.sound_panel
        self.apply_settings(settings)
        panel.volumes_changed.connect(self._on_panel_volumes_changed)
        panel.mute_toggled.connect(self._on_panel_mute_toggled)
        panel.sound_set_changed.connect(self._on_panel_sound_set_changed)
        panel.ambient_changed.connect(self._on_panel_ambient_changed)
        player.transport_created.connect(self._on_player_transport_created)
        player.state_changed.connect(self._on_player_state_changed)
        if player.transport is not None:
            self._on_player_transport_created(player.transport)

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def panel(self) -> SoundPanel | None:
        return self._player.sound_panel if self._player is not None else None

    def speech_engine(self) -> SpeechEngine | None:
        """The offline speech engine, looked for once (thread-safe: workers ask too)."""
        with self._speech_lock:
            if self._speech is None:
                self._speech = (self._find_speech(),)
            return self._speech[0]

    def apply_settings(self, settings: Settings) -> None:
        """New settings (the dialog's, or at start): show them in the panel, play them."""
        unsaved = self._save_timer.isActive()
        if unsaved:
            # A panel change not yet saved is newer than these settings' copy of it.
            settings = settings.replace(**_panel_fields(self._settings))
        self._settings = settings
        panel = self.panel
        if panel is not None:
            self._applying = True
            try:
                panel.set_volumes(
                    settings.voice_volume, settings.cues_volume, settings.ambient_volume
                )
                panel.set_muted(settings.muted)
                panel.set_sound_set(settings.sound_set)
                panel.set_ambient(settings.ambient)
            finally:
                self._applying = False
        if self.engine is not None:
            self.engine.set_gains(self._held(settings_gains(settings)))
            self.engine.set_av_offset_ms(settings.av_offset_ms)
        self._sync_sound()
        if unsaved:
            self._flush_settings()  # the merged settings, so the caller saves the panel's change

    def shutdown(self) -> None:
        """Close the engine (the transport gets its own clock back), cancel and wait for the
        worker, stop every timer, and hand out unsaved settings."""
        self._close_engine()
        self._pool.waitForDone()
        self._stall_timer.stop()
        if self._save_timer.isActive():
            self._flush_settings()

    # --- sessions -----------------------------------------------------------------------------
    def _on_player_transport_created(self, transport: Transport) -> None:
        self._close_engine()
        self._transport = transport
        if not isinstance(transport.clock, MonotonicClock):
            # A test's fake clock owns time: a real-time output could not follow it.
            log.debug("sound: the player runs on %r, so the session stays silent", transport.clock)
            return
        preference = audio_preference(self._settings, self._environ)
        if preference not in AUDIO_OUTPUTS:
            self._set_unavailable(
                f"{AUDIO_ENV}={preference} is not a sound output the player can use; "
                f"choose one of {', '.join(AUDIO_OUTPUTS)}"
            )
            return
        timeline, choice = transport.timeline, sound_choice(self._settings)

        def work() -> _Prepared:
            opened = self._open_output(preference)
            if opened.backend is None:
                return _Prepared(None, None, opened.reason)
            try:
                sound = prepare_sound(timeline, choice, self.speech_engine(), opened.backend.rate)
            except BaseException:
                opened.backend.stop()
                raise
            return _Prepared(opened.backend, sound)

        self._engine_job = self._start_job(choice, work)

    def _start_job(self, choice: SoundChoice, work: Callable[[], _Prepared]) -> _Job:
        self._serial += 1
        job = _Job(self._serial, choice, work)
        relay = self._relay
        self._pool.start(lambda: job.run(relay))
        return job

    def _on_relay_ready(self, serial: int) -> None:
        engine_job, sound_job = self._engine_job, self._sound_job
        if engine_job is not None and engine_job.serial == serial:
            self._engine_job = None
            prepared = engine_job.take()
            if prepared is not None:
                self._connect_engine(prepared, engine_job.choice)
        elif sound_job is not None and sound_job.serial == serial:
            self._sound_job = None
            prepared = sound_job.take()
            if prepared is not None:
                self._swap_sound(prepared, sound_job.choice)

    def _connect_engine(self, prepared: _Prepared, choice: SoundChoice) -> None:
        transport, backend, sound = self._transport, prepared.backend, prepared.sound
        if transport is None or backend is None or sound is None:
            prepared.close()
            self._set_unavailable(prepared.reason or "no sound output could be opened")
            return
        _log_problems(sound)
        gains, offset = self._held(settings_gains(self._settings)), self._settings.av_offset_ms
        engine = AudioEngine(backend, sound, gains=gains, av_offset_ms=offset)
        try:
            engine.connect(transport)  # lends the transport its clock, without a jump
        except BackendError as error:
            engine.close()
            backend.stop()  # it never started, so the engine did not stop it
            self._set_unavailable(str(error))
            return
        # A cue just after start, resume or seek is then heard whole, not cut by the latency.
        transport.lead_s = (backend.latency_frames + backend.block_frames) / backend.rate
        self.engine, self._engine_choice = engine, choice
        self._set_unavailable(None)
        self._show_voice_source(choice)
        if self._player is not None and self._player.state.value in _MOVING:
            self._stall_timer.start()
        self.engine_changed.emit()
        self._sync_sound()

    def _sync_sound(self) -> None:
        """When the choices differ from what the engine plays, prepare the new sound (once)."""
        engine, wanted = self.engine, sound_choice(self._settings)
        if engine is None or self._sound_job is not None or wanted == self._engine_choice:
            return
        if self._transport is None:
            return
        timeline, rate = self._transport.timeline, engine.rate
        self._sound_job = self._start_job(
            wanted,
            lambda: _Prepared(None, prepare_sound(timeline, wanted, self.speech_engine(), rate)),
        )

    def _swap_sound(self, prepared: _Prepared, choice: SoundChoice) -> None:
        if self.engine is None or prepared.sound is None:
            prepared.close()
            if prepared.reason:
                log.warning("sound: %s", prepared.reason)
            return
        _log_problems(prepared.sound)
        self.engine.set_sound(prepared.sound)  # cross-fades; the engine closes it later
        self._engine_choice = choice
        self._show_voice_source(choice)
        self._sync_sound()

    def _show_voice_source(self, choice: SoundChoice) -> None:
        if self.panel is None or self._transport is None:
            return
        system = self.speech_engine() is not None  # already looked for by the worker
        session = self._transport.timeline.session
        source = voice_in_use(session, voice=choice.voice, natural=choice.natural, system=system)
        self.panel.set_voice_source(source)

    def _close_engine(self) -> None:
        for job in (self._engine_job, self._sound_job):
            if job is not None:
                job.cancel()
        self._engine_job = self._sound_job = None
        self._stall_timer.stop()
        engine, self.engine = self.engine, None
        self._engine_choice = None
        if engine is None:
            return
        engine.close()  # hands the transport its own clock back, without a jump
        if self._transport is not None:
            self._transport.lead_s = 0.0
        self.engine_changed.emit()

    def _set_unavailable(self, reason: str | None) -> None:
        if reason is not None:
            log.warning("sound unavailable: %s", reason)
        panel = self.panel
        if panel is not None:
            panel.set_unavailable(reason)

    # --- the output's health -------------------------------------------------------------------
    def _on_player_state_changed(self, state: str) -> None:
        if state in _MOVING and self.engine is not None:
            self._stall_timer.start()
        else:
            self._stall_timer.stop()

    def _on_stall_timer_timeout(self) -> None:
        engine = self.engine
        if engine is None:
            self._stall_timer.stop()
        elif engine.is_stalled() or engine.is_racing():
            # The session goes on, silently, on the monotonic clock, from where it is.
            reason = STALLED_REASON if engine.is_stalled() else RACING_REASON
            self._close_engine()
            self._set_unavailable(reason)
        elif engine.error is not None and engine.error != self._shown_error:
            self._shown_error = engine.error  # said once: it repeats for every block
            self._set_unavailable(engine.error)

    # --- the panel ------------------------------------------------------------------------------
    def _on_panel_volumes_changed(self, voice: int, cues: int, ambient: int) -> None:
        self._apply_gains()
        self._change(voice_volume=voice, cues_volume=cues, ambient_volume=ambient)

    def _on_panel_mute_toggled(self, muted: bool) -> None:
        self._apply_gains()
        self._change(muted=muted)

    def _on_panel_sound_set_changed(self, key: str) -> None:
        self._change(sound_set=key)

    def _on_panel_ambient_changed(self, key: str) -> None:
        self._change(ambient=key)

    def _apply_gains(self) -> None:
        panel = self.panel
        if self.engine is not None and panel is not None:
            self.engine.set_gains(self._held(panel.gains()))

    def hold_silent(self, silent: bool) -> None:
        """Mute the sound while the app is locked, without touching the saved mute setting."""
        self._silent = silent
        if self.engine is not None:
            panel = self.panel
            chosen = panel.gains() if panel is not None else settings_gains(self._settings)
            self.engine.set_gains(self._held(chosen))

    @property
    def silent_held(self) -> bool:
        return self._silent

    def _held(self, gains: Gains) -> Gains:
        return Gains(gains.voice, gains.cues, gains.ambient, gains.muted or self._silent)

    def _change(self, **changes: object) -> None:
        if self._applying:
            return
        changed = self._settings.replace(**changes)
        if changed == self._settings:
            return
        self._settings = changed
        self._save_timer.start()
        self._sync_sound()

    def _on_save_timer_timeout(self) -> None:
        self.settings_changed.emit(self._settings)

    def _flush_settings(self) -> None:
        self._save_timer.stop()
        self.settings_changed.emit(self._settings)


def _panel_fields(settings: Settings) -> dict[str, object]:
    return {
        "voice_volume": settings.voice_volume,
        "cues_volume": settings.cues_volume,
        "ambient_volume": settings.ambient_volume,
        "muted": settings.muted,
        "sound_set": settings.sound_set,
        "ambient": settings.ambient,
    }


def _log_problems(sound: SessionSound) -> None:
    for problem in sound.problems:
        log.warning("sound: %s; showing captions instead", problem)
