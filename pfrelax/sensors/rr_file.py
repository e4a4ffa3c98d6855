"""An RR log (one interval in milliseconds a line) read strictly, and replayed as a source."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import BinaryIO

from pfrelax.core.clock import Clock
from pfrelax.core.file_kinds import kind_of
from pfrelax.errors import InputError
from pfrelax.sensors.source import Beat, BeatReceiver, SourceState

MAX_RR_MS = 60_000.0
MAX_PROBLEMS_SHOWN = 10
# Read on the player's thread as a session starts: about a million beats (ten days) at most.
MAX_RR_FILE_BYTES = 8_000_000
SHOWN_CHARS = 40
CHOOSE_A_FILE = "choose a recorded RR log (a text file)"


class RRLogError(InputError, ValueError):
    """An RR log that cannot be read; the message names the file, the line and the fix."""


def read_rr_log(path: Path, *, regular_only: bool = False) -> list[float]:
    """Every RR interval in `path`. Blank lines and lines starting with # are skipped.

    `regular_only` (the app): refuse a pipe, a device or a folder without waiting on it. The
    command line reads a pipe gladly (`--rr-file <(…)`); the app would wait on one forever."""
    text = _read_text(path, regular_only)
    intervals: list[float] = []
    problems: list[str] = []
    wrong = 0
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        problem = _problem(entry)
        if problem is None:
            intervals.append(float(entry))
            continue
        wrong += 1  # counted, not kept: a file of nothing but garbage must not fill memory
        if wrong <= MAX_PROBLEMS_SHOWN:
            problems.append(f"{path}:{number}: {problem}")
    if problems:
        more = wrong - MAX_PROBLEMS_SHOWN
        raise RRLogError("\n".join(problems + ([f"… and {more} more"] if more > 0 else [])))
    if not intervals:
        raise RRLogError(f"{path}: no RR intervals in it (write one interval in ms per line)")
    return intervals


def _read_text(path: Path, regular_only: bool) -> str:
    """The file's text, read at most MAX_RR_FILE_BYTES (+1, to know it is larger)."""
    try:
        with _open(path, regular_only) as file:
            data = file.read(MAX_RR_FILE_BYTES + 1)
        if len(data) > MAX_RR_FILE_BYTES:
            raise RRLogError(
                f"{path}: it is larger than {MAX_RR_FILE_BYTES // 1_000_000} MB, far more than "
                "a recording of one session; keep only the session's intervals in it"
            )
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not a text file"
        raise RRLogError(f"{path}: cannot read it ({reason})") from None


def _open(path: Path, regular_only: bool) -> BinaryIO:
    if not regular_only:
        return path.open("rb")
    # Opened without waiting (a pipe's open waits for a writer), then judged by what was opened,
    # so nothing swapped in after a check is read.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        kind = not_a_file(os.fstat(descriptor).st_mode)
        if kind:
            raise RRLogError(f"{path}: {kind}; {CHOOSE_A_FILE} in Settings → Heart rate")
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def not_a_file(mode: int) -> str:
    """Why a path of this `mode` cannot be replayed ("is a named pipe, not a file of RR
    intervals"), or ""."""
    kind = kind_of(mode)
    return "" if kind == "a file" else f"is {kind}, not a file of RR intervals"


def _problem(entry: str) -> str | None:
    try:
        value = float(entry)
    except ValueError:
        return f"{_shown(entry)} is not a number; write one RR interval in milliseconds per line"
    if not math.isfinite(value) or value <= 0 or value > MAX_RR_MS:
        return f"{entry} is not an RR interval; write milliseconds between 1 and 60000"
    if value < 10:
        return f"{entry} looks like seconds; write milliseconds (e.g. {value * 1000:g})"
    return None


def _shown(entry: str) -> str:
    """The entry quoted for a message: control characters escaped, a long one cut short."""
    text = entry if entry.isprintable() else entry.encode("unicode_escape").decode("ascii")
    return f'"{text[:SHOWN_CHARS]}…"' if len(text) > SHOWN_CHARS else f'"{text}"'


class FileHeartSource:
    """A `HeartRateSource` replaying RR intervals in time: beat k at the sum of the first k."""

    def __init__(self, intervals_ms: list[float], clock: Clock) -> None:
        self._intervals = intervals_ms
        self._clock = clock
        self._receiver = BeatReceiver()
        self._state = SourceState.STOPPED
        self._origin = 0.0
        self._index = 0
        self._elapsed_s = 0.0

    @classmethod
    def from_path(cls, path: Path, clock: Clock) -> FileHeartSource:
        """The app's way in: only a regular file (a pipe would hold the player until written)."""
        return cls(read_rr_log(path, regular_only=True), clock)

    @property
    def state(self) -> SourceState:
        return self._state

    @property
    def battery_percent(self) -> int | None:
        return None

    def start(self) -> None:
        self._origin = self._clock.now()
        self._index = 0
        self._elapsed_s = 0.0
        self._state = SourceState.CONNECTED

    def stop(self) -> None:
        self._state = SourceState.STOPPED

    def poll(self) -> list[Beat]:
        if self._state is not SourceState.CONNECTED:
            return self._receiver.drain()
        now = self._clock.now() - self._origin
        while self._index < len(self._intervals):
            rr = self._intervals[self._index]
            if self._elapsed_s + rr / 1000 > now:
                break
            self._elapsed_s += rr / 1000
            self._receiver.add_rr([rr], self._origin + self._elapsed_s)
            self._index += 1
        if self._index == len(self._intervals):
            self._state = SourceState.ENDED
        return self._receiver.drain()
