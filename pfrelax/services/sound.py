"""Sound: the audio engine's life cycle, following playback and the person's sound choices.

For each session playback loads, an output is opened and the session's sound prepared (slow:
synthesis, speech) as a job off the caller's thread; once ready, the engine follows the transport
and playback runs on the engine's frame clock, so picture and sound share one clock. Without a
working output the session runs silently on playback's own clock and `unavailable` says why.

Where jobs run is injected (`Jobs`): a worker thread that reports back on the GUI thread in the
app, or at once (`InlineJobs`) in tests, which pair it with the offline output and a fake clock.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping

from pfrelax.audio.backends import UNAVAILABLE_NOTICE as UNAVAILABLE_NOTICE
from pfrelax.audio.backends import BackendError, Opened, open_backend
from pfrelax.audio.engine import AudioEngine as AudioEngine
from pfrelax.audio.engine import SoundChoice, prepare_sound
from pfrelax.audio.mixer import Gains as Gains
from pfrelax.audio.schedule import SessionSound
from pfrelax.audio.speech import SpeechEngine as SpeechEngine
from pfrelax.audio.speech import find_speech_engine
from pfrelax.audio.voice_source import voice_in_use
from pfrelax.core.session import Session
from pfrelax.core.settings import AUDIO_OUTPUTS, Settings
from pfrelax.core.timeline import Timeline
from pfrelax.core.transport import State
from pfrelax.services.playback import Playback
from pfrelax.services.sound_jobs import InlineJobs, Job, Jobs, Prepared

log = logging.getLogger(__name__)

AUDIO_ENV = "PFRELAX_AUDIO"  # overrides the audio_output setting, e.g. PFRELAX_AUDIO=null in CI
STALLED_REASON = "the sound output stopped responding"
RACING_REASON = "the sound output ran faster than real time"
MOVING = (State.COUNT_IN, State.PLAYING)
PANEL_FIELDS = ("voice_volume", "cues_volume", "ambient_volume", "muted", "sound_set", "ambient")

OpenOutput = Callable[[str], Opened]
FindSpeech = Callable[[], SpeechEngine | None]
Listener = Callable[[], None]
SettingsListener = Callable[[Settings], None]


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


def panel_fields(settings: Settings) -> dict[str, object]:
    """The choices the player's sound panel makes (the rest come from the Settings dialog)."""
    return {field: getattr(settings, field) for field in PANEL_FIELDS}


class Sound:
    """Owns the output, the engine and the speech engine for what `playback` plays."""

    def __init__(
        self,
        playback: Playback,
        settings: Settings | None = None,
        *,
        open_output: OpenOutput = open_backend,
        find_speech: FindSpeech = find_speech_engine,
        jobs: Jobs | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self._playback = playback
        self._settings = settings or Settings()
        self._open_output = open_output
        self._find_speech = find_speech
        self._jobs: Jobs = jobs or InlineJobs()
        self._environ = environ
        self._speech_lock = threading.Lock()
        self._speech: tuple[SpeechEngine | None] | None = None  # a 1-tuple once looked for
        self.engine: AudioEngine | None = None
        self._engine_choice: SoundChoice | None = None
        self._engine_timeline: Timeline | None = None  # the timeline the engine's sound is for
        self._engine_job: Job | None = None
        self._sound_job: Job | None = None
        self._silent = False  # held silent by the app lock, whatever the settings say
        # The choice whose sound turned out silent (every sound off): no output is kept open
        # then, so nothing mixes silence; playback runs on its own clock until a sound is chosen.
        self._resting: SoundChoice | None = None
        self.unavailable: str | None = None  # why there is no sound, or None
        self.voice_source: str | None = None  # natural, system or captions; None before sound
        self._shown_error: str | None = None
        self._engine_listeners: list[Listener] = []
        self._notice_listeners: list[Listener] = []
        self._chosen_listeners: list[SettingsListener] = []
        self._applied_listeners: list[SettingsListener] = []
        playback.on_loaded(self._on_loaded)

    # --- listening ------------------------------------------------------------------------------
    def on_engine_changed(self, listener: Listener) -> None:
        """An engine was connected to playback, or closed."""
        self._engine_listeners.append(listener)

    def on_notice_changed(self, listener: Listener) -> None:
        """`unavailable` or `voice_source` changed."""
        self._notice_listeners.append(listener)

    def on_chosen(self, listener: SettingsListener) -> None:
        """The person changed a sound choice in the player (the settings to save)."""
        self._chosen_listeners.append(listener)

    def on_applied(self, listener: SettingsListener) -> None:
        """Settings came from outside (the dialog, the start): the panel shows them."""
        self._applied_listeners.append(listener)

    # --- reading --------------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def watching(self) -> bool:
        """Whether the output's health needs checking (`check_output`) now: sound is moving."""
        return self.engine is not None and self._playback.state in MOVING

    def speech_engine(self) -> SpeechEngine | None:
        """The offline speech engine, looked for once (thread-safe: jobs ask too)."""
        with self._speech_lock:
            if self._speech is None:
                self._speech = (self._find_speech(),)
            return self._speech[0]

    # --- commands -------------------------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        """New settings from outside (the dialog's, or at start): play them."""
        self._settings = settings
        if self.engine is not None:
            self.engine.set_gains(self._held(settings_gains(settings)))
            self.engine.set_av_offset_ms(settings.av_offset_ms)
        for listener in list(self._applied_listeners):
            listener(settings)
        self._sync_sound()

    def choose(self, **changes: object) -> None:
        """The person's choice in the player (volumes, mute, cue sound, ambient): heard at once."""
        changed = self._settings.replace(**changes)
        if changed == self._settings:
            return
        self._settings = changed
        if self.engine is not None:
            self.engine.set_gains(self._held(settings_gains(changed)))
        for listener in list(self._chosen_listeners):
            listener(changed)
        self._sync_sound()

    def hold_silent(self, silent: bool) -> None:
        """Mute while the app is locked or hidden, without touching the saved mute setting."""
        self._silent = silent
        if self.engine is not None:
            self.engine.set_gains(self._held(settings_gains(self._settings)))

    @property
    def silent_held(self) -> bool:
        return self._silent

    def _held(self, gains: Gains) -> Gains:
        return Gains(gains.voice, gains.cues, gains.ambient, gains.muted or self._silent)

    def check_output(self) -> None:
        """While sound moves, now and then: a stalled or racing output is closed (the session
        goes on silently on playback's clock, from where it is) and the reason shown."""
        engine = self.engine
        if engine is None:
            return
        if engine.is_stalled() or engine.is_racing():
            reason = STALLED_REASON if engine.is_stalled() else RACING_REASON
            self._close_engine()
            self._set_unavailable(reason)
        elif engine.error is not None and engine.error != self._shown_error:
            self._shown_error = engine.error  # said once: it repeats for every block
            self._set_unavailable(engine.error)

    def shutdown(self) -> None:
        """Close the engine (playback gets its own clock back) and wait for any job."""
        self._close_engine()
        self._jobs.wait()

    # --- sessions -------------------------------------------------------------------------------
    def _on_loaded(self, _session: Session, timeline: Timeline) -> None:
        self._close_engine()
        transport = self._playback.transport
        if transport is not None:
            # A patient-paced stay that grows makes a new timeline: its later sounds move with it.
            transport.on_timeline_changed(self._sync_sound)
        self._resting = None
        self._open_engine(timeline)

    def _open_engine(self, timeline: Timeline) -> None:
        """Open the output and prepare the session's sound off this thread; connect when ready."""
        self._engine_timeline = timeline
        preference = audio_preference(self._settings, self._environ)
        if preference not in AUDIO_OUTPUTS:
            self._set_unavailable(
                f"{AUDIO_ENV}={preference} is not a sound output the player can use; "
                f"choose one of {', '.join(AUDIO_OUTPUTS)}"
            )
            return
        choice = sound_choice(self._settings)

        def work() -> Prepared:
            opened = self._open_output(preference)
            if opened.backend is None:
                return Prepared(None, None, opened.reason)
            try:
                sound = prepare_sound(timeline, choice, self.speech_engine(), opened.backend.rate)
            except BaseException:
                opened.backend.stop()
                raise
            return Prepared(opened.backend, sound)

        self._engine_job = Job(choice, work)
        self._submit(self._engine_job, self._on_engine_ready)

    def _submit(self, job: Job, ready: Callable[[Job], None]) -> None:
        post = self._jobs.post

        def run() -> None:
            if job.run():
                post(lambda: ready(job))

        self._jobs.submit(run)

    def _on_engine_ready(self, job: Job) -> None:
        if job is not self._engine_job:
            return
        self._engine_job = None
        prepared = job.take()
        if prepared is not None:
            self._connect_engine(prepared, job.choice)

    def _connect_engine(self, prepared: Prepared, choice: SoundChoice) -> None:
        transport, backend, sound = self._playback.transport, prepared.backend, prepared.sound
        if transport is None or backend is None or sound is None:
            prepared.close()
            self._set_unavailable(prepared.reason or "no sound output could be opened")
            return
        _log_problems(sound)
        if sound.silent:
            prepared.close()
            self._rest(choice)
            return
        gains, offset = self._held(settings_gains(self._settings)), self._settings.av_offset_ms
        # Real time for the output's health and its clock's glide: playback's own clock.
        wall = self._playback.clock.now
        engine = AudioEngine(backend, sound, gains=gains, av_offset_ms=offset, wall=wall)
        try:
            engine.start()  # a clock that is not yet running would hold playback still
        except BackendError as error:
            engine.close()
            backend.stop()  # it never started, so the engine did not stop it
            self._set_unavailable(str(error))
            return
        # A cue just after start, resume or seek is then heard whole, not cut by the latency.
        lead_s = (backend.latency_frames + backend.block_frames) / backend.rate
        self._playback.lend_clock(engine.clock, lead_s)  # without a jump
        engine.connect(transport)
        self.engine, self._engine_choice = engine, choice
        self._set_unavailable(None)
        self._show_voice_source(choice)
        self._notify(self._engine_listeners)
        self._sync_sound()

    def _rest(self, choice: SoundChoice) -> None:
        """Every sound is off: close the output (playback takes its own clock back, without a
        jump) and wait for a sound to be chosen."""
        self._close_engine()
        self._resting = choice
        self._set_unavailable(None)
        self._show_voice_source(choice)

    def _sync_sound(self) -> None:
        """When the choices differ from what the engine plays, prepare the new sound (once)."""
        engine, wanted = self.engine, sound_choice(self._settings)
        timeline = self._playback.timeline
        resting = self._resting
        if engine is None and resting is not None and timeline is not None:
            if wanted != resting and self._engine_job is None:
                # A sound was chosen again: open an output; playback moves onto its clock
                # without a jump (`lend_clock`) and the engine follows from where it is.
                self._resting = None
                self._open_engine(timeline)
            return
        if engine is None or self._sound_job is not None or timeline is None:
            return
        if wanted == self._engine_choice and timeline is self._engine_timeline:
            return
        self._engine_timeline = timeline
        rate = engine.rate
        self._sound_job = Job(
            wanted,
            lambda: Prepared(None, prepare_sound(timeline, wanted, self.speech_engine(), rate)),
        )
        self._submit(self._sound_job, self._on_sound_ready)

    def _on_sound_ready(self, job: Job) -> None:
        if job is not self._sound_job:
            return
        self._sound_job = None
        prepared = job.take()
        if prepared is None:
            return
        if self.engine is None or prepared.sound is None:
            prepared.close()
            if prepared.reason:
                log.warning("sound: %s", prepared.reason)
            return
        _log_problems(prepared.sound)
        if prepared.sound.silent:
            prepared.close()
            self._rest(job.choice)
            return
        self.engine.set_sound(prepared.sound)  # cross-fades; the engine closes it later
        self._engine_choice = job.choice
        self._show_voice_source(job.choice)
        self._sync_sound()

    def _show_voice_source(self, choice: SoundChoice) -> None:
        timeline = self._playback.timeline
        if timeline is None:
            return
        system = self.speech_engine() is not None  # already looked for by the job
        self.voice_source = voice_in_use(
            timeline.session, voice=choice.voice, natural=choice.natural, system=system
        )
        self._notify(self._notice_listeners)

    def _close_engine(self) -> None:
        for job in (self._engine_job, self._sound_job):
            if job is not None:
                job.cancel()
        self._engine_job = self._sound_job = None
        engine, self.engine = self.engine, None
        self._engine_choice = None
        if engine is None:
            return
        engine.close()
        self._playback.take_clock_back()  # without a jump
        self._notify(self._engine_listeners)

    def _set_unavailable(self, reason: str | None) -> None:
        if reason is not None:
            log.warning("sound unavailable: %s", reason)
        self.unavailable = reason
        self._notify(self._notice_listeners)

    @staticmethod
    def _notify(listeners: list[Listener]) -> None:
        for listener in list(listeners):
            listener()


def _log_problems(sound: SessionSound) -> None:
    for problem in sound.problems:
        log.warning("sound: %s; showing captions instead", problem)
