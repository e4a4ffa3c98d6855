"""The audio engine: renders the session on the output's thread and is the session's clock.

The output pulls blocks; the engine maps each block's device frame to a session frame through
the transport's anchor (`session = anchor + (device − anchor's device frame)` while running) and
asks the mixer for exactly that. The same device frame count, minus what the device still
holds, is the clock the transport reads — so picture and sound share one clock and cannot drift.

Threads: the GUI thread only swaps in new immutable snapshots (the frame map, the gains); the
audio thread reads each snapshot once per block. No locks, so the audio thread never waits.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pfrelax.audio.ambient import ambient_bed
from pfrelax.audio.backends.base import Backend
from pfrelax.audio.format import CHANNELS, SAMPLE_RATE, Block
from pfrelax.audio.frame_clock import AudioClock, FrameMap
from pfrelax.audio.mixer import Gains, Mixer, apply_gain, soft_limit
from pfrelax.audio.narration import open_ambient_file, open_narration
from pfrelax.audio.practice_cues import practice_cues
from pfrelax.audio.schedule import SessionSound, build_cue_schedule, ms_to_frame
from pfrelax.audio.speech import SpeechEngine
from pfrelax.audio.synth import cue_bank
from pfrelax.audio.voice_prompts import count_in_bank, practice_bank, voice_prompt_bank
from pfrelax.core.session import Cues
from pfrelax.core.timeline import Timeline
from pfrelax.core.transport import State, Transport

log = logging.getLogger(__name__)

FADE_MS = 300  # start (mid-session), pause, resume and stop
SEEK_FADE_MS = 30  # a seek while playing cross-fades quickly: it should feel immediate
SAME_MAP_MS = 1  # re-anchoring that moves the sound by less than this is not a jump
STALL_S = 0.5  # an output silent this long has stalled (a device unplugged, a dead driver)
# An output this far ahead of real time, beyond its buffer, is racing: it takes frames faster
# than it plays them, and the session would rush by. The share allows for a device's own clock
# running a little fast over an hour (crystals are within 0.01 %).
RACE_S = 1.0
RACE_SHARE = 0.02
HISTORY = 8192  # blocks remembered for sync checks (~80 s at 10 ms blocks)


@dataclass(frozen=True, slots=True)
class SoundChoice:
    """What the person chose to hear (the sound panel's combos and the voice switch)."""

    sound_set: str = "soft"  # synth.SOUND_SETS
    ambient: str | None = None  # ambient.AMBIENT_BEDS, or None
    session_ambient: bool = True  # a session's own ambient recording, when it has one, wins
    voice: bool = True  # narration and spoken breath prompts
    speech_voice: str | None = None  # the speech engine's voice name; None for its default
    natural: bool = True  # the shipped natural-voice recordings before the speech engine


def prepare_sound(
    timeline: Timeline,
    choice: SoundChoice,
    speech: SpeechEngine | None,
    rate: int = SAMPLE_RATE,
) -> SessionSound:
    """Build (synthesise, open, place) every sound of a session before it plays."""
    tones = cue_bank(choice.sound_set, rate)
    # The count-in speaks its numbers exactly when the breath prompts are spoken: the session
    # asks for voice cues and the person has the voice on. Tones, or voice off: a silent count.
    practice = [cue.text for cue in practice_cues(timeline) if cue.cues is Cues.VOICE]
    spoken_cues = choice.voice and (
        bool(practice) or any(point.cues is Cues.VOICE for point in timeline.cue_points())
    )
    voice_bank = voice_prompt_bank(speech, rate, natural=choice.natural) if spoken_cues else None
    numbers = count_in_bank(speech, rate, natural=choice.natural) if voice_bank else None
    said = practice_bank(speech, practice, rate, natural=choice.natural) if voice_bank else None
    tracks, problems = (
        open_narration(timeline, speech, rate, choice.speech_voice, natural=choice.natural)
        if choice.voice
        else ((), ())
    )
    recording, missing = (
        open_ambient_file(timeline.session, rate) if choice.session_ambient else (None, ())
    )
    bed = ambient_bed(choice.ambient, rate) if choice.ambient and recording is None else None
    return SessionSound(
        rate=rate,
        end_frame=ms_to_frame(timeline.duration_ms, rate),
        cues=build_cue_schedule(timeline, tones, voice_bank, rate, numbers, said),
        narration=tracks,
        ambient=bed,
        ambient_file=recording,
        problems=problems + missing,
    )


@dataclass(frozen=True, slots=True)
class History:
    """Per block: the session frame at its start, its device frame, and when it was asked for."""

    session_frames: npt.NDArray[np.int64]
    device_frames: npt.NDArray[np.int64]
    walls: npt.NDArray[np.float64]


class AudioEngine:
    """Plays one SessionSound (and owns it: `close` closes its narration files)."""

    def __init__(
        self,
        backend: Backend,
        sound: SessionSound,
        *,
        gains: Gains | None = None,
        av_offset_ms: int = 0,
        fade_ms: int = FADE_MS,
        seek_fade_ms: int = SEEK_FADE_MS,
        wall: Callable[[], float] = time.monotonic,
    ) -> None:
        self.backend = backend
        self.rate = sound.rate
        self.clock = AudioClock(
            self.rate, backend.latency_frames, backend.realtime, av_offset_ms, wall
        )
        self._mixer = Mixer(sound, capacity=self.mixer_capacity)  # published by the GUI thread
        self._retired: list[SessionSound] = []  # replaced sounds, closed once the output stops
        self.finished = threading.Event()  # set once the last sound (the end bell) has played
        self.error: str | None = None
        self._fade = fade_ms * self.rate // 1000
        self._seek_fade = seek_fade_ms * self.rate // 1000
        self._gains = (gains or Gains()).clamped()
        self._map_snapshot: tuple[int, FrameMap] = (0, FrameMap(0, 0, running=False))
        self._transport: Transport | None = None
        self._started = False
        # Audio-thread state from here on.
        self._active = self._mixer
        self._last_frame = sound.last_frame
        self._first_frame = sound.first_frame
        self._applied = self._gains
        self._current = self._map_snapshot[1]
        self._seen = 0
        self._device_frame = 0
        self._out = np.zeros((self.mixer_capacity, CHANNELS), dtype=np.float32)
        self._tail = np.zeros((max(self._fade, self._seek_fade, 1), CHANNELS), dtype=np.float32)
        self._tail_end = 0
        self._tail_at = 0
        self._fade_in_total = 0
        self._fade_in_done = 0
        self._sessions = np.zeros(HISTORY, dtype=np.int64)
        self._devices = np.zeros(HISTORY, dtype=np.int64)
        self._walls = np.zeros(HISTORY, dtype=np.float64)
        self._blocks = 0

    @property
    def mixer_capacity(self) -> int:
        return max(self.backend.block_frames, 1024)

    # --- control (GUI thread) ------------------------------------------------------------------
    def start(self) -> None:
        """Start the output pulling blocks (silence until told to play)."""
        if not self._started:
            self.backend.start(self._callback, self.rate, self.backend.block_frames)
            self._started = True

    def close(self) -> None:
        """Stop the output and close the narration files. Safe to call twice."""
        if self._started:
            self.backend.stop()
            self._started = False
        self.disconnect()
        for sound in (*self._retired, self._mixer.sound):
            sound.close()
        self._retired.clear()

    def connect(self, transport: Transport) -> None:
        """Follow `transport` (only watching it: whoever owns it lends it `self.clock`)."""
        self.start()  # a clock that is not yet running would hold the transport still
        self._transport = transport
        transport.on_anchor_changed(self._follow)
        transport.on_state_changed(self._follow)
        self._follow()

    def disconnect(self) -> None:
        """Stop following the transport."""
        self._transport = None

    def play_from(self, position_ms: int = 0) -> None:
        """Without a transport: play from `position_ms` at the next block."""
        device = self.clock.device_frame_at(self.clock.now())
        self._set_map(FrameMap(device, ms_to_frame(position_ms, self.rate), running=True))

    @property
    def sound(self) -> SessionSound:
        return self._mixer.sound

    def set_sound(self, sound: SessionSound) -> None:
        """Play `sound` (the same timeline, other choices) from the next block, cross-faded."""
        if sound.rate != self.rate:
            raise ValueError(f"the engine runs at {self.rate} Hz; the sound is at {sound.rate} Hz")
        self._retired.append(self._mixer.sound)
        self._mixer = Mixer(sound, capacity=self.mixer_capacity)

    def set_gains(self, gains: Gains) -> None:
        self._gains = gains.clamped()

    @property
    def gains(self) -> Gains:
        return self._gains

    def set_av_offset_ms(self, offset_ms: int) -> None:
        """Positive: the picture runs ahead of the sound by that much."""
        self.clock.offset_ms = offset_ms

    def is_stalled(self, seconds: float = STALL_S) -> bool:
        """True when a real-time output has stopped asking for sound (a lost device): then the
        engine is closed, playback takes its own clock back and the session goes on silently."""
        return self._started and self.clock.silent_for() > seconds

    def is_racing(self, seconds: float = RACE_S) -> bool:
        """True when a real-time output has taken more sound than real time allows (it consumes
        frames faster than it plays them): then sound closes it and playback takes its own clock
        back, as for a stalled output."""
        if not self._started:
            return False
        backend = self.backend
        buffered = (backend.latency_frames + 2 * backend.block_frames) / self.rate
        return self.clock.ran_ahead(RACE_SHARE) > seconds + buffered

    @property
    def frames_rendered(self) -> int:
        return self._device_frame

    def history(self) -> History:
        """The last blocks' (session frame, device frame, wall time), oldest first."""
        count = self._blocks
        keep = min(count, HISTORY)
        order = (np.arange(count - keep, count) % HISTORY) if keep else np.zeros(0, dtype=np.int64)
        return History(self._sessions[order], self._devices[order], self._walls[order])

    def _follow(self) -> None:
        transport = self._transport
        if transport is None:
            return
        state = transport.state
        anchor = transport.anchor
        if state is State.COUNT_IN:
            # The start is known now: scheduling it here keeps a stalled GUI from delaying it.
            begins = self.clock.now() + transport.count_in_left_ms() / 1000
            if transport.anchor.running:
                return  # the count-in ended just now, and that change has set the map
            new = FrameMap(self.clock.device_frame_at(begins), 0, running=True)
        else:
            device = self.clock.device_frame_at(anchor.clock_time)
            position = ms_to_frame(anchor.position_ms, self.rate)
            new = FrameMap(device, position, running=anchor.running)
        if state is State.FINISHED and self._map_snapshot[1].running:
            return  # keep the running map so the end bell rings out
        self._set_map(new)

    def _set_map(self, new: FrameMap) -> None:
        serial, current = self._map_snapshot
        if new.same_as(current, SAME_MAP_MS * self.rate // 1000):
            return
        self.finished.clear()
        self._map_snapshot = (serial + 1, new)  # one reference swap: the audio thread's cue

    # --- the audio thread ----------------------------------------------------------------------
    def _callback(self, frames: int) -> Block:
        try:
            return self._render(frames)
        except Exception as error:  # the audio thread must never die: play silence, say why
            log.exception("audio: rendering a block failed")
            self.error = f"audio rendering failed: {error}"
            out = self._grow(frames)
            out.fill(0.0)
            self._finish_block(0, frames, self.clock.wall())
            return out

    def _grow(self, frames: int) -> Block:
        if frames > self._out.shape[0]:
            self._out = np.zeros((frames, CHANNELS), dtype=np.float32)
        return self._out[:frames]

    def _render(self, frames: int) -> Block:
        wall = self.clock.wall()
        device = self._device_frame
        out = self._grow(frames)
        mixer = self._mixer
        if mixer is not self._active:
            self._change_mixer(mixer, device)
        serial, frame_map = self._map_snapshot
        if serial != self._seen:
            self._switch(frame_map, device)
            self._seen = serial
        gains, before = self._gains, self._applied
        session = self._current.at(device)
        if self._current.running and self._sounds_in(session, frames):
            self._active.render_mix(session, out, before, gains)
            self._apply_fade_in(out)
        else:
            out.fill(0.0)
        self._mix_tail(out)
        apply_gain(out, before.master, gains.master)
        soft_limit(out)
        self._applied = gains
        if self._current.running and session + frames >= self._last_frame:
            self.finished.set()
        self._finish_block(session, frames, wall)
        return out

    def _sounds_in(self, session: int, frames: int) -> bool:
        return session + frames > self._first_frame and session < self._last_frame

    def _finish_block(self, session: int, frames: int, wall: float) -> None:
        slot = self._blocks % HISTORY
        self._sessions[slot] = session
        self._devices[slot] = self._device_frame
        self._walls[slot] = wall
        self._blocks += 1
        self.clock.advance(self._device_frame, frames, wall)
        self._device_frame += frames

    def _switch(self, new: FrameMap, device: int) -> None:
        """The map changed (play, pause, seek…): fade the old sound out and the new one in."""
        old, self._current = self._current, new
        length = self._seek_fade if old.running and new.running else self._fade
        if old.running and self._sounds_in(old.at(device), length):
            self._render_tail(old.at(device), length)
        position = new.at(device)
        mid_sound = 0 < position < self._last_frame
        # An output's latency means a spoken count-in is first heard a little into its first
        # word: a quick fade-in, not a cut, there.
        counting_in = self._first_frame < position < 0
        fade_in = length if mid_sound else self._seek_fade if counting_in else 0
        self._fade_in_total = fade_in if new.running else 0
        self._fade_in_done = 0

    def _change_mixer(self, mixer: Mixer, device: int) -> None:
        """New sounds for the same session: cross-fade from the old mix to the new one."""
        position = self._current.at(device)
        if self._current.running and self._sounds_in(position, self._seek_fade):
            self._render_tail(position, self._seek_fade)
            self._fade_in_total, self._fade_in_done = self._seek_fade, 0
        self._active = mixer
        self._last_frame = mixer.sound.last_frame
        self._first_frame = mixer.sound.first_frame

    def _render_tail(self, session: int, length: int) -> None:
        """Pre-render the old position's next `length` frames, fading to silence."""
        leftover = self._tail[self._tail_at : self._tail_end].copy()  # a tail still sounding
        length = max(length, leftover.shape[0])
        tail = self._tail[:length]
        steady = self._applied
        self._active.render_mix(session, tail, steady, steady)
        tail *= (np.float32(1.0) - _ramp(0, length, length)).reshape(-1, 1)
        tail[: leftover.shape[0]] += leftover
        self._tail_at, self._tail_end = 0, length

    def _mix_tail(self, out: Block) -> None:
        take = min(out.shape[0], self._tail_end - self._tail_at)
        if take > 0:
            out[:take] += self._tail[self._tail_at : self._tail_at + take]
            self._tail_at += take

    def _apply_fade_in(self, out: Block) -> None:
        total, done = self._fade_in_total, self._fade_in_done
        if done >= total:
            return
        frames = out.shape[0]
        out *= _ramp(done, frames, total).reshape(-1, 1)
        self._fade_in_done = min(total, done + frames)


def _ramp(done: int, frames: int, total: int) -> npt.NDArray[np.float32]:
    """Frames `done`…`done + frames` of a 0 → 1 ramp `total` long (1 after its end)."""
    steps = np.arange(done + 1, done + frames + 1, dtype=np.float32) / np.float32(total)
    np.minimum(steps, np.float32(1.0), out=steps)
    return steps
