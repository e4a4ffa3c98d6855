"""Stream audio files from disk as 48 kHz stereo blocks, one small block at a time.

Decoding is libsndfile's (via `soundfile`) for wav, flac, ogg vorbis and opus, and miniaudio's for
mp3 (see `_Mp3Source`). Resampling is `soxr`'s streaming resampler, so a 20-minute narration never
sits in memory whole.

Damaged files: opening a file that cannot be decoded raises `AudioDecodeError` naming the file.
A file that breaks part-way (cut short while copying) plays as far as it decodes and then ends in
silence — a patient with closed eyes hears the narration stop rather than the session crash; the
stream keeps the reason in `AudioStream.error`. `pfrelax.audio.probe.check_audio`, which
validation runs, decodes the whole file and reports such a file before it is ever played.
"""

from __future__ import annotations

import array
import math
import re
from collections.abc import Generator
from pathlib import Path
from types import TracebackType
from typing import Protocol

import miniaudio
import numpy as np
import soundfile
import soxr

from pfrelax.audio.format import CHANNELS, SAMPLE_RATE, Block
from pfrelax.audio.quiet_stderr import quiet_stderr
from pfrelax.errors import InputError

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".wav", ".flac", ".ogg", ".oga", ".opus", ".mp3")
# Containers libsndfile cannot open; phone voice memos are usually one of these.
_AAC_EXTENSIONS = frozenset({".m4a", ".m4b", ".mp4", ".aac", ".3gp"})
SOURCE_BLOCK = 4096  # source frames decoded per step: small, so memory stays flat
_SEEK_PREROLL_SECONDS = 0.05  # longer than soxr's filter, so a seek lands settled
# What a decoder raises part-way through a damaged file (LibsndfileError is a RuntimeError).
DECODE_ERRORS = (RuntimeError, miniaudio.MiniaudioError)


class AudioDecodeError(InputError):
    """An audio file cannot be played; the message names the file and says how to fix it."""


def display_name_of(path: Path, display_name: str | None) -> str:
    return display_name if display_name is not None else str(path)


def decoder_reason(error: Exception, path: Path) -> str:
    """libsndfile's own words, without its 'Error opening <absolute path>' prefix."""
    text = str(getattr(error, "error_string", "") or error).strip().rstrip(".")
    if "does not exist" in text and path.is_file():
        # mpg123 says this about files it cannot make sense of; the file is there.
        text = "Format not recognised"
    return text


def _aac_message(path: Path, name: str) -> str:
    suffix = path.suffix.lower()
    kind = suffix.lstrip(".") if suffix in _AAC_EXTENSIONS else "m4a"
    target = f"{path.stem}-converted.ogg" if suffix == ".ogg" else f"{path.stem}.ogg"
    return (
        f"{name}: {kind} (AAC) audio cannot be decoded; convert it to .ogg or .mp3 "
        f"(for example `ffmpeg -i {path.name} {target}`)"
    )


_WAV_DATA_SIZE = re.compile(r"^data\s*:\s*(\d+)\s*\(should be (\d+)\)", re.MULTILINE)
_STREAMED_SIZES = frozenset({0, 0xFFFFFFFF})  # written by tools that could not seek back


def _wav_cut_short(handle: soundfile.SoundFile) -> bool:
    """True when a WAV header promises more data than the file holds (libsndfile notes it)."""
    match = _WAV_DATA_SIZE.search(str(handle.extra_info))
    if match is None:
        return False
    declared, actual = int(match.group(1)), int(match.group(2))
    return declared > actual and declared not in _STREAMED_SIZES


def _looks_like_mp4(path: Path) -> bool:
    """True for MPEG-4 audio whatever its file name says (its header names an 'ftyp' box)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError:
        return False
    return head[4:8] == b"ftyp"


def _open_soundfile(path: Path, name: str) -> soundfile.SoundFile:
    if path.suffix.lower() in _AAC_EXTENSIONS or _looks_like_mp4(path):
        raise AudioDecodeError(_aac_message(path, name))
    if not path.is_file():
        raise AudioDecodeError(f"{name}: the file is missing; add it or fix the name")
    try:
        with quiet_stderr():  # mpg123 prints "Note: Illegal Audio-MPEG-Header…" on fd 2
            return soundfile.SoundFile(str(path))
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError) as error:
        raise AudioDecodeError(
            f"{name}: cannot be decoded ({decoder_reason(error, path)}); "
            "re-export it as wav, flac, ogg or mp3"
        ) from error


class Source(Protocol):
    """A decoder at the file's own rate and channels; `read` returns an empty array at the end."""

    rate: int
    channels: int
    frames: int

    def read(self, frames: int) -> Block: ...
    def seek(self, frame: int) -> None: ...
    def cut_short(self) -> bool: ...
    def close(self) -> None: ...


class _SndfileSource:
    def __init__(self, handle: soundfile.SoundFile):
        self._handle = handle
        self.rate, self.channels = int(handle.samplerate), int(handle.channels)
        self.frames = int(handle.frames)

    def read(self, frames: int) -> Block:
        data: Block = self._handle.read(frames, dtype="float32", always_2d=True)
        return data

    def seek(self, frame: int) -> None:
        self._handle.seek(frame)

    def cut_short(self) -> bool:
        return _wav_cut_short(self._handle)

    def close(self) -> None:
        self._handle.close()


class _Mp3Source:
    """MP3 through miniaudio's decoder: the libsndfile in the soundfile wheel (1.2.2) returns
    garbage after the first blocks of a VBR mp3 read a block at a time."""

    def __init__(self, path: Path, rate: int, channels: int, frames: int):
        self._path, self.rate, self.channels, self.frames = path, rate, channels, frames
        self._chunks = self._open(0)

    def _open(self, frame: int) -> Generator[array.array[float], int, None]:
        chunks: Generator[array.array[float], int, None] = miniaudio.stream_file(
            str(self._path),
            output_format=miniaudio.SampleFormat.FLOAT32,
            nchannels=self.channels,
            sample_rate=self.rate,
            frames_to_read=SOURCE_BLOCK,
            seek_frame=frame,
        )
        return chunks

    def read(self, frames: int) -> Block:
        try:
            chunk = self._chunks.send(frames)
        except StopIteration:
            return np.zeros((0, self.channels), dtype=np.float32)
        return np.frombuffer(chunk, dtype=np.float32).reshape(-1, self.channels)

    def seek(self, frame: int) -> None:
        self._chunks.close()
        self._chunks = self._open(frame)

    def cut_short(self) -> bool:
        return False  # check_audio's read of the end finds a short mp3

    def close(self) -> None:
        self._chunks.close()


def open_source(path: Path, name: str) -> Source:
    handle = _open_soundfile(path, name)
    if handle.format != "MP3":
        return _SndfileSource(handle)
    with handle:
        rate, channels, frames = int(handle.samplerate), int(handle.channels), int(handle.frames)
    try:
        return _Mp3Source(path, rate, channels, frames)
    except miniaudio.MiniaudioError as error:
        raise AudioDecodeError(
            f"{name}: cannot be decoded ({error}); re-export it as wav, flac, ogg or mp3"
        ) from error


def to_stereo(data: Block) -> Block:
    """Mono is duplicated; more than two channels are averaged down to the centre."""
    channels = data.shape[1]
    if channels == CHANNELS:
        return data
    if channels == 1:
        return np.repeat(data, CHANNELS, axis=1)
    mono = data.mean(axis=1, keepdims=True, dtype=np.float32)
    return np.repeat(mono, CHANNELS, axis=1)


class AudioStream:
    """One open audio file, read in blocks of stereo float32 frames at `rate`."""

    def __init__(self, path: Path, rate: int = SAMPLE_RATE, display_name: str | None = None):
        self.path = path
        self.rate = rate
        self.name = display_name_of(path, display_name)
        self.error: AudioDecodeError | None = None
        self._source = open_source(path, self.name)
        self.file_rate: int = self._source.rate
        self.source_frames: int = self._source.frames
        self.frames: int = round(self.source_frames * rate / self.file_rate)
        self._resampler = (
            soxr.ResampleStream(self.file_rate, rate, CHANNELS, dtype="float32")
            if self.file_rate != rate
            else None
        )
        self._pending: Block = np.zeros((0, CHANNELS), dtype=np.float32)
        self._source_done = False
        self._position = 0

    @property
    def position(self) -> int:
        """The next frame `read` returns, counted at `rate` from the start."""
        return self._position

    @property
    def duration_ms(self) -> int:
        return round(self.frames * 1000 / self.rate)

    def read(self, frames: int) -> Block:
        """Exactly `frames` frames; silence after the end of the file (or after damage)."""
        out = np.zeros((max(0, frames), CHANNELS), dtype=np.float32)
        wanted = min(out.shape[0], max(0, self.frames - self._position))
        filled = 0
        while filled < wanted:
            if self._pending.shape[0] == 0 and not self._refill():
                break
            take = min(wanted - filled, self._pending.shape[0])
            out[filled : filled + take] = self._pending[:take]
            self._pending = self._pending[take:]
            filled += take
        self._position += out.shape[0]
        return out

    def _refill(self) -> bool:
        """Decode (and resample) the next source block into `_pending`; False at the end."""
        if self._source_done:
            return False
        try:
            raw = self._source.read(SOURCE_BLOCK)
        except DECODE_ERRORS as error:
            self.error = AudioDecodeError(
                f"{self.name}: stops decoding part-way ({decoder_reason(error, self.path)}); "
                "the file may be cut short — copy or export it again"
            )
            raw = np.zeros((0, 1), dtype=np.float32)
        last = raw.shape[0] == 0  # a short read is not trusted as the end: ask again
        block = to_stereo(raw)
        if self._resampler is not None:
            block = self._resampler.resample_chunk(np.ascontiguousarray(block), last=last)
        self._source_done = last
        self._pending = block
        return block.shape[0] > 0 or not last

    def seek(self, frame: int) -> None:
        """Continue from `frame` (at `rate`), sample-exact; past the end reads silence."""
        frame = max(0, frame)
        self._pending = np.zeros((0, CHANNELS), dtype=np.float32)
        if frame >= self.frames:
            self._position, self._source_done = frame, True
            return
        source, landed = self._seek_point(frame)
        if self._resampler is not None:
            self._resampler.clear()
        try:
            self._source.seek(source)
        except DECODE_ERRORS as error:
            self.error = AudioDecodeError(
                f"{self.name}: cannot seek ({decoder_reason(error, self.path)}); "
                "the file may be damaged — copy or export it again"
            )
            self._position, self._source_done = frame, True
            return
        self._position, self._source_done = landed, False
        while self._position < frame:  # decode the pre-roll and drop it
            self.read(min(frame - self._position, SOURCE_BLOCK))

    def _seek_point(self, frame: int) -> tuple[int, int]:
        """A source frame at or before `frame` that falls exactly on an output frame.

        Resampling restarts there, early enough that the resampler's filter has settled by
        `frame`, so a seek sounds exactly like playing through — no sub-sample shift, no edge.
        """
        if self._resampler is None:
            return frame, frame
        step = self.file_rate // math.gcd(self.file_rate, self.rate)
        wanted = frame * self.file_rate / self.rate - _SEEK_PREROLL_SECONDS * self.file_rate
        source = max(0, math.floor(wanted / step) * step)
        return source, source * self.rate // self.file_rate

    def close(self) -> None:
        self._source.close()

    def __enter__(self) -> AudioStream:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_audio(path: Path, rate: int = SAMPLE_RATE, display_name: str | None = None) -> AudioStream:
    """Open `path` for streaming at `rate`; errors call it `display_name` (its name in a pack)."""
    return AudioStream(path, rate, display_name)


def audio_length_ms(path: Path, display_name: str | None = None) -> int:
    """The file's length from its header, without decoding it."""
    name = display_name_of(path, display_name)
    with _open_soundfile(path, name) as handle:
        return round(int(handle.frames) * 1000 / int(handle.samplerate))
