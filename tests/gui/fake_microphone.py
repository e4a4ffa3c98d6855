"""A fake microphone for the studio's narration tests: a known take, delivered at once."""

from __future__ import annotations

import miniaudio
import numpy as np

from pfrelax.audio.capture import RATE, Deliver, MiniaudioPlayback
from pfrelax.services.narration import NarrationRecorder


class FakeMicrophone:
    """Says one second of a steady tone between half-seconds of silence, all at once."""

    def start(self, deliver: Deliver) -> None:
        quiet = np.zeros(RATE // 2, dtype=np.float32)
        tone = (0.2 * np.sin(np.arange(RATE) * 2 * np.pi * 200 / RATE)).astype(np.float32)
        for block in (quiet, tone, quiet):
            deliver(block)

    def stop(self) -> None:
        pass


def fake_recorder() -> NarrationRecorder:
    """A recorder that hears the fake microphone and plays back on miniaudio's null output."""
    null = [miniaudio.Backend.NULL]
    return NarrationRecorder(FakeMicrophone, lambda: MiniaudioPlayback(null))
