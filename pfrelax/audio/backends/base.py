"""The one small interface every audio output implements, and the callback it pulls blocks from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from pfrelax.audio.format import Block
from pfrelax.errors import InputError

# Called on the output's own thread with a frame count; returns exactly that many frames. The
# returned array may be reused by the next call, so a backend copies it out before asking again.
Callback = Callable[[int], Block]


class BackendError(InputError):
    """An output cannot be opened or started; the message says why, in plain words."""


class Backend(Protocol):
    name: str  # "miniaudio", "null", "simpleaudio", "offline"
    device_name: str
    rate: int
    block_frames: int  # frames per callback (the buffer size)
    latency_frames: int  # frames between handing a block over and hearing its first frame
    realtime: bool  # False for the offline renderer: nothing happens between pulls

    def start(self, callback: Callback, rate: int, block: int) -> None: ...

    def stop(self) -> None: ...
