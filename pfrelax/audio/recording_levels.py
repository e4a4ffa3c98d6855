"""A pack's own recordings at the narration loudness: gains measured at install, applied at play.

Install measures each recording (BS.1770, in the validator's decoding pass) and writes one gain
per file into a small JSON file in the installed pack's folder, inside the same staging as the
pack, so the swap that installs the pack installs its gains. Play and render scale the stream by
that gain. A pack installed before this existed has no such file and plays as recorded.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from pfrelax.audio.format import Block
from pfrelax.audio.schedule import Stream
from pfrelax.audio.voice_library import TARGET_LUFS

log = logging.getLogger(__name__)

LEVELS_FILE = ".pfrelax-levels.json"
MAX_BOOST_DB = 15.0  # a whisper-quiet phone recording, no further: its noise would come up too
MAX_CUT_DB = -20.0
PEAK_CEILING = 0.9  # a boosted recording's loudest sample stays below the limiter's bend


def gain_db(lufs: float, peak: float) -> float:
    """The gain that brings a recording measured at `lufs` to the target, clamped to the
    allowed range and never so much that its `peak` would pass PEAK_CEILING."""
    if not math.isfinite(lufs):
        return 0.0  # silence: nothing to bring up
    gain = min(max(TARGET_LUFS - lufs, MAX_CUT_DB), MAX_BOOST_DB)
    if peak > 0.0:
        gain = min(gain, 20.0 * math.log10(PEAK_CEILING / peak))
    return round(gain, 2)


def levels_json(
    levels: Mapping[str, tuple[float, float]], lengths: Mapping[str, int] | None = None
) -> bytes:
    """The levels file for recordings `name → (lufs, peak)`, with each one's length in ms as
    the install measured it (so the catalog never opens a recording to know a session's length)."""
    known = lengths or {}
    files = {
        name: {"lufs": _finite(lufs), "peak": round(peak, 5), "gain_db": gain_db(lufs, peak)}
        | ({"ms": known[name]} if name in known else {})
        for name, (lufs, peak) in sorted(levels.items())
    }
    data = {"version": 1, "target_lufs": TARGET_LUFS, "files": files}
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _finite(value: float) -> float | None:
    return round(value, 2) if math.isfinite(value) else None


def read_gains(folder: Path) -> dict[str, float]:
    """Linear gains by recording name from `folder`'s levels file ({} without one)."""
    try:
        data: Any = json.loads((folder / LEVELS_FILE).read_text(encoding="utf-8"))
        files = data["files"]
        gains = {str(name): float(entry["gain_db"]) for name, entry in files.items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.warning("levels: %s cannot be read (%s); recordings play as recorded", folder, error)
        return {}
    return {
        name: 10.0 ** (min(max(db, MAX_CUT_DB), MAX_BOOST_DB) / 20.0)
        for name, db in gains.items()
        if math.isfinite(db)
    }


def read_lengths(folder: Path) -> dict[str, int]:
    """Recording lengths in ms by name from `folder`'s levels file ({} without one, or for a
    pack installed before lengths were stored there: the catalog then reads the headers)."""
    try:
        data: Any = json.loads((folder / LEVELS_FILE).read_text(encoding="utf-8"))
        files = data["files"]
        return {
            str(name): entry["ms"]
            for name, entry in files.items()
            if isinstance(entry, dict) and type(entry.get("ms")) is int and entry["ms"] >= 0
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # read_gains says so in the log when the file is damaged


class GainedStream:
    """A narration stream scaled by a fixed gain (the mixer's Stream)."""

    def __init__(self, stream: Stream, gain: float) -> None:
        self._stream = stream
        self._gain = np.float32(gain)
        self.frames = stream.frames

    @property
    def position(self) -> int:
        return self._stream.position

    def read(self, frames: int) -> Block:
        block: Block = self._stream.read(frames) * self._gain
        return block

    def seek(self, frame: int) -> None:
        self._stream.seek(frame)

    def close(self) -> None:
        self._stream.close()
