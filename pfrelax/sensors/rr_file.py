"""An RR log (one interval in milliseconds a line) read strictly, and replayed as a source."""

from __future__ import annotations

import math
from pathlib import Path

from pfrelax.core.clock import Clock
from pfrelax.errors import InputError
from pfrelax.sensors.source import Beat, BeatReceiver, SourceState

MAX_RR_MS = 60_000.0
MAX_PROBLEMS_SHOWN = 10


class RRLogError(InputError, ValueError):
    """An RR log that cannot be read; the message names the file, the line and the fix."""


def read_rr_log(path: Path) -> list[float]:
    """Every RR interval in `path`. Blank lines and lines starting with # are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not a text file"
        raise RRLogError(f"{path}: cannot read it ({reason})") from None
    intervals: list[float] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        problem = _problem(entry)
        if problem:
            problems.append(f"{path}:{number}: {problem}")
        else:
            intervals.append(float(entry))
    if problems:
        more = len(problems) - MAX_PROBLEMS_SHOWN
        shown = problems[:MAX_PROBLEMS_SHOWN] + ([f"… and {more} more"] if more > 0 else [])
        raise RRLogError("\n".join(shown))
    if not intervals:
        raise RRLogError(f"{path}: no RR intervals in it (write one interval in ms per line)")
    return intervals


def _problem(entry: str) -> str | None:
    try:
        value = float(entry)
    except ValueError:
        return f'"{entry}" is not a number; write one RR interval in milliseconds per line'
    if not math.isfinite(value) or value <= 0 or value > MAX_RR_MS:
        return f"{entry} is not an RR interval; write milliseconds between 1 and 60000"
    if value < 10:
        return f"{entry} looks like seconds; write milliseconds (e.g. {value * 1000:g})"
    return None


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
        return cls(read_rr_log(path), clock)

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
