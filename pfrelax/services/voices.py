"""The voices this computer offers for spoken guidance, and what the settings say about them."""

from __future__ import annotations

from pfrelax.audio.speech import HOW_TO_GET_VOICES, SpeechEngine, find_speech_engine
from pfrelax.audio.voice_library import has_natural_voice
from pfrelax.audio.voice_source import CAPTIONS, NATURAL, SYSTEM

__all__ = [
    "CAPTIONS",
    "NATURAL",
    "SYSTEM",
    "SpeechEngine",
    "find_speech_engine",
    "voice_sources",
    "voices_text",
]


def voice_sources(engine: SpeechEngine | None) -> tuple[str, ...]:
    """The voices on this machine, best first: the shipped natural voice, the system's."""
    found: tuple[str, ...] = ("natural",) if has_natural_voice() else ()
    found += ("system",) if engine is not None else ()
    return found or ("natural",)


def voices_text(engine: SpeechEngine | None) -> str:
    """What the dialog says about spoken guidance: the engine found, or how to get one."""
    if engine is None and has_natural_voice():
        return (
            "Built-in narration is read by the natural voice that comes with the app. No system "
            f"voice was found for other text, which shows as captions. {HOW_TO_GET_VOICES}."
        )
    if engine is None:
        return f"No offline voice was found, so narration shows as captions. {HOW_TO_GET_VOICES}."
    return f"Narration is spoken by {engine.name}, on this computer (nothing goes online)."
