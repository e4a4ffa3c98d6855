"""The mixer: three buses (voice, cues, ambient), ramped gains and a soft limiter, in numpy.

`render_buses(start, n)` is a pure function of session position: the same frames come out for
the same position whether it is reached by playing straight through, by a seek or after a
pause (narration streams are re-positioned from the frame asked for, never from where they
happened to stop). Gain changes ramp linearly across one block, so a slider never clicks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from pfrelax.audio.format import CHANNELS, Block
from pfrelax.audio.schedule import (
    Envelope,
    NarrationTrack,
    SessionSound,
    Span,
    Stream,
    duck_envelope,
)

DUCK_DB = -8.0  # ambient under narration: clearly quieter, still there
DUCK_MS = 300  # ducking glides in before narration starts and out after it ends
CUT_FADE_MS = 40  # narration longer than its step fades out instead of being chopped
AMBIENT_FADE_IN_MS = 2_000
AMBIENT_FADE_OUT_MS = 3_000
LIMIT_KNEE = 0.75  # below this the limiter leaves samples untouched (cues stay bit-exact)


@dataclass(frozen=True, slots=True)
class Gains:
    """Bus volumes 0–1 and the mute switch (mute acts on the master, after the limiter)."""

    voice: float = 1.0
    cues: float = 0.8
    ambient: float = 0.4
    muted: bool = False

    def clamped(self) -> Gains:
        return Gains(_unit(self.voice), _unit(self.cues), _unit(self.ambient), self.muted)

    @property
    def master(self) -> float:
        return 0.0 if self.muted else 1.0


def _unit(value: float) -> float:
    return min(max(float(value), 0.0), 1.0)


def soft_limit(block: Block) -> Block:
    """Leave |x| ≤ knee alone; above it, bend smoothly (tanh) so |x| never passes 1.0. In place."""
    knee = np.float32(LIMIT_KNEE)
    room = np.float32(1.0 - LIMIT_KNEE)
    magnitude = np.abs(block)
    over = magnitude > knee
    if over.any():
        bent = knee + room * np.tanh((magnitude[over] - knee) / room)
        block[over] = np.copysign(np.minimum(bent, np.float32(1.0)), block[over])
    return block


@functools.lru_cache(maxsize=16)
def _ramp_shape(frames: int) -> Envelope:
    """0 → 1 across a block, reaching 1 on its last frame (read-only, shared)."""
    shape = (np.arange(1, frames + 1, dtype=np.float32) / np.float32(frames)).reshape(-1, 1)
    shape.flags.writeable = False
    return shape


def apply_gain(block: Block, before: float, after: float) -> None:
    """Scale `block` in place, gliding linearly from `before` to `after` across it."""
    if before == after:
        if after != 1.0:
            block *= np.float32(after)
        return
    block *= np.float32(before) + np.float32(after - before) * _ramp_shape(block.shape[0])


class Mixer:
    """Mixes one SessionSound. Not thread-safe: one caller (the audio callback) at a time."""

    def __init__(self, sound: SessionSound, capacity: int = 4096) -> None:
        self.sound = sound
        self.rate = sound.rate
        self._duck_gain = np.float32(10.0 ** (DUCK_DB / 20.0))
        self._duck_ramp = DUCK_MS * self.rate // 1000
        self._cut_fade = CUT_FADE_MS * self.rate // 1000
        self._duck_spans = tuple(track.sounding for track in sound.narration)
        self._capacity = 0
        self._grow(capacity)

    def _grow(self, frames: int) -> None:
        """Scratch buffers are allocated once (and again only for a bigger block than before)."""
        if frames <= self._capacity:
            return
        self._capacity = frames
        self._voice = np.zeros((frames, CHANNELS), dtype=np.float32)
        self._cues = np.zeros((frames, CHANNELS), dtype=np.float32)
        self._ambient = np.zeros((frames, CHANNELS), dtype=np.float32)

    # --- buses ---------------------------------------------------------------------------------
    def render_buses(self, start: int, frames: int) -> tuple[Block, Block, Block]:
        """(voice, cues, ambient) for session frames [start, start + frames), before gains.

        The arrays are the mixer's scratch buffers: valid until the next call.
        """
        self._grow(frames)
        voice = self._voice[:frames]
        cues = self._cues[:frames]
        ambient = self._ambient[:frames]
        voice.fill(0.0)
        cues.fill(0.0)
        ambient.fill(0.0)
        self._mix_cues(cues, start, frames)
        for track in self.sound.narration:
            self._mix_narration(voice, track, start, frames)
        self._mix_ambient(ambient, start, frames)
        return voice, cues, ambient

    def _mix_cues(self, out: Block, start: int, frames: int) -> None:
        for cue in self.sound.cues.window(start, frames):
            first = max(start, cue.frame)
            last = min(start + frames, cue.end_frame)
            out[first - start : last - start] += cue.sound[first - cue.frame : last - cue.frame]

    def _mix_narration(self, out: Block, track: NarrationTrack, start: int, frames: int) -> None:
        sounding = track.sounding
        if not sounding.overlaps(start, frames):
            return
        first = max(start, sounding.start)
        last = min(start + frames, sounding.end)
        local = first - sounding.start
        if track.stream.position != local:
            track.stream.seek(local)  # a seek or a pause moved us: follow the session, exactly
        piece = out[first - start : last - start]
        piece += track.stream.read(last - first)
        if track.cut_short and last > sounding.end - self._cut_fade:
            fade = _edge_fade(first, last, sounding.end, self._cut_fade)
            piece *= fade.reshape(-1, 1)

    def _mix_ambient(self, out: Block, start: int, frames: int) -> None:
        end = self.sound.end_frame
        if not Span(0, end).overlaps(start, frames):
            return
        first = max(start, 0)
        last = min(start + frames, end)
        if self.sound.ambient is not None and self.sound.ambient.shape[0] > 0:
            _loop_bed(out[first - start : last - start], self.sound.ambient, first)
        elif self.sound.ambient_file is not None and self.sound.ambient_file.frames > 0:
            _loop_file(out[first - start : last - start], self.sound.ambient_file, first)
        else:
            return
        envelope = self._ambient_envelope(first, last)
        out[first - start : last - start] *= envelope.reshape(-1, 1)

    def _ambient_envelope(self, first: int, last: int) -> Envelope:
        """Fade in at the session's start, out at its end, and duck under narration."""
        positions = np.arange(first, last, dtype=np.int64)
        fade_in = AMBIENT_FADE_IN_MS * self.rate // 1000
        fade_out = AMBIENT_FADE_OUT_MS * self.rate // 1000
        edges = np.minimum(positions / fade_in, (self.sound.end_frame - positions) / fade_out)
        envelope = np.clip(edges, 0.0, 1.0).astype(np.float32)
        duck = duck_envelope(self._duck_spans, first, last - first, self._duck_ramp)
        envelope *= np.float32(1.0) - duck * (np.float32(1.0) - self._duck_gain)
        return envelope

    # --- mixing --------------------------------------------------------------------------------
    def render_mix(self, start: int, out: Block, before: Gains, after: Gains) -> Block:
        """Sum the buses for session frames [start, start + len(out)) into `out`, gains ramped.

        No limiter and no master gain here: the engine adds fade tails first, then limits.
        """
        frames = out.shape[0]
        voice, cues, ambient = self.render_buses(start, frames)
        apply_gain(voice, before.voice, after.voice)
        apply_gain(cues, before.cues, after.cues)
        apply_gain(ambient, before.ambient, after.ambient)
        np.add(voice, cues, out=out)
        out += ambient
        return out

    def render_block(self, start: int, frames: int, gains: Gains | None = None) -> Block:
        """The finished sound of [start, start + frames) at steady `gains`: mixed and limited."""
        steady = gains or Gains()
        out = np.zeros((frames, CHANNELS), dtype=np.float32)
        self.render_mix(start, out, steady, steady)
        out *= np.float32(steady.master)
        return soft_limit(out)


def _loop_bed(out: Block, bed: Block, first: int) -> None:
    """Session frames `first`… of an endless loop of `bed`, in at most a few slices."""
    length = bed.shape[0]
    done = 0
    while done < out.shape[0]:
        offset = (first + done) % length
        take = min(out.shape[0] - done, length - offset)
        out[done : done + take] = bed[offset : offset + take]
        done += take


def _loop_file(out: Block, stream: Stream, first: int) -> None:
    """The same from a file streamed from disk: its position follows the session's."""
    length = stream.frames
    done = 0
    while done < out.shape[0]:
        offset = (first + done) % length
        take = min(out.shape[0] - done, length - offset)
        if stream.position != offset:
            stream.seek(offset)
        out[done : done + take] = stream.read(take)
        done += take


def _edge_fade(first: int, last: int, end: int, length: int) -> Envelope:
    """1 until `length` frames before `end`, then linearly down to 0 at `end`."""
    positions = np.arange(first, last, dtype=np.int64)
    return np.clip((end - positions) / length, 0.0, 1.0).astype(np.float32)
