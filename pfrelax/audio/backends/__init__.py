"""Audio outputs behind one small interface, and `open_backend`, which finds one that works."""

from __future__ import annotations

from dataclasses import dataclass

from pfrelax.audio.backends.base import Backend, BackendError, Callback
from pfrelax.audio.backends.offline import OfflineBackend
from pfrelax.audio.format import SAMPLE_RATE

PREFERENCES = ("auto", "miniaudio", "null", "simpleaudio", "offline")
UNAVAILABLE_NOTICE = "Sound unavailable — the session runs with captions"

__all__ = [
    "PREFERENCES",
    "UNAVAILABLE_NOTICE",
    "Backend",
    "BackendError",
    "Callback",
    "OfflineBackend",
    "Opened",
    "open_backend",
]


@dataclass(frozen=True, slots=True)
class Opened:
    """The output that opened, or None and the reason none did (shown with the notice)."""

    backend: Backend | None
    reason: str = ""


def _open_one(name: str, rate: int) -> Backend:
    # Imported here: each output's library loads only when that output is asked for.
    if name in ("miniaudio", "null"):
        from pfrelax.audio.backends.miniaudio_backend import MiniaudioBackend

        return MiniaudioBackend(null=name == "null", rate=rate)
    if name == "simpleaudio":
        from pfrelax.audio.backends.simpleaudio_backend import SimpleaudioBackend

        return SimpleaudioBackend(rate=rate)
    if name == "offline":
        return OfflineBackend(rate=rate)
    raise BackendError(f"unknown audio output {name!r}; choose one of {', '.join(PREFERENCES)}")


def open_backend(preference: str = "auto", rate: int = SAMPLE_RATE) -> Opened:
    """Open the preferred output. "auto" tries a real device (miniaudio, then simpleaudio).

    Never raises for a missing device: the session then runs silently with a notice, so the
    reason is returned for the notice and for `pfrelax doctor`.
    """
    order = ("miniaudio", "simpleaudio") if preference == "auto" else (preference,)
    reasons: list[str] = []
    for name in order:
        try:
            return Opened(_open_one(name, rate))
        except BackendError as error:
            reasons.append(f"{name}: {error}")
    return Opened(None, "; ".join(reasons))
