"""The natural-voice recordings shipped with the app: built-in narration and spoken cues.

They are made at authoring time (`make voices`, see voice_author) and looked up at play time by
content: the key of a clip is the sha256 of its text (whitespace folded) and the voice settings,
so a changed text, or changed settings, simply has no recording until it is rendered again.
Reading them needs nothing but the manifest and libsndfile; the voice model is never needed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pfrelax import paths
from pfrelax.core.session import Session, SpeakStep

log = logging.getLogger(__name__)

VOICE_NAME = "en_US-joe-medium"
TARGET_LUFS = -20.0  # narration as heard (on both channels), shipped or synthesised
# A mono clip plays on both channels, which BS.1770 hears 3 dB louder than the file alone.
MONO_TARGET_LUFS = round(TARGET_LUFS - 10 * math.log10(2), 2)
# How the natural voice speaks. Changing any value makes every shipped clip stale (by design).
VOICE_SETTINGS: Mapping[str, str | float] = {
    "voice": VOICE_NAME,
    "length_scale": 1.3,  # slower than the model's 1.0: calm, unhurried
    "sentence_silence": 1.1,  # seconds after each sentence: room to breathe
    "noise_scale": 0.6,
    "noise_w": 0.7,
    "mono_lufs": MONO_TARGET_LUFS,
    "codec": "opus-48k-mono",
}
MANIFEST = "manifest.json"
REFRESH_COMMAND = "make voices"  # or: pfrelax voices render
# Spoken cues besides the breath prompts (voice_prompts.PROMPT_TEXTS): a release cue and the
# count-in, rendered so the player can speak them without a speech engine.
EXTRA_CUE_TEXTS: tuple[str, ...] = ("Let go", "Three", "Two", "One")


@dataclass(frozen=True, slots=True)
class Clip:
    """One shipped recording: its file (beside the manifest), text, length and kind."""

    file: str
    text: str
    ms: int
    kind: str  # "speak" | "cue"


def folded(text: str) -> str:
    """`text` with runs of whitespace as one space: line wrapping never makes a clip stale."""
    return " ".join(text.split())


def clip_key(text: str, settings: Mapping[str, str | float] = VOICE_SETTINGS) -> str:
    """The manifest key of `text` spoken with `settings`."""
    fields = json.dumps([folded(text), dict(settings)], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(fields.encode("utf-8")).hexdigest()


def voice_dir() -> Path:
    """Where the shipped recordings and their manifest live."""
    return paths.assets_dir() / "voice"


def speak_texts(sessions: Iterable[Session]) -> list[str]:
    """Every text-only speak step's text in `sessions`, once each, in order."""
    texts: dict[str, None] = {}
    for session in sessions:
        for step in session.steps:
            if isinstance(step, SpeakStep) and not step.audio and step.text.strip():
                texts.setdefault(folded(step.text))
    return list(texts)


def cue_texts() -> list[str]:
    """Every cue the player may speak."""
    from pfrelax.audio.practice_cues import PRACTICE_TEXTS
    from pfrelax.audio.voice_prompts import PROMPT_TEXTS  # here: voice_prompts imports this

    return [*PROMPT_TEXTS.values(), *EXTRA_CUE_TEXTS, *PRACTICE_TEXTS]


def read_manifest(folder: Path) -> dict[str, Clip]:
    """The clips listed in `folder`'s manifest ({} when there is none or it is unreadable)."""
    try:
        data: Any = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {key: Clip(**fields) for key, fields in data["clips"].items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("voice: %s cannot be read (%s); using no recordings", folder / MANIFEST, error)
        return {}


@functools.cache
def _shipped(folder: Path) -> dict[str, Clip]:
    return read_manifest(folder)


def shipped_clip(text: str, folder: Path | None = None) -> tuple[Path, Clip] | None:
    """The shipped recording of `text` in the current voice, if there is one on disk."""
    where = folder or voice_dir()
    clip = _shipped(where).get(clip_key(text))
    if clip is None:
        return None
    path = where / clip.file
    return (path, clip) if path.is_file() else None


def has_natural_voice(folder: Path | None = None) -> bool:
    """Whether any natural-voice recordings are shipped."""
    return bool(_shipped(folder or voice_dir()))
