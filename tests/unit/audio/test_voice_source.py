"""Which voice a session is heard in: recordings (natural), the system's speech, or captions."""

from __future__ import annotations

from pfrelax import paths
from pfrelax.audio.voice_source import CAPTIONS, NATURAL, SYSTEM, voice_in_use
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Cues, Session, SpeakStep
from pfrelax.formats.session_file import load_session

BUILTIN = load_session(paths.builtin_sessions_dir() / "one-minute-reset.toml")
NEW_TEXT = Session("new", "New", (SpeakStep("Hello", "Words nobody has recorded.", 5000),))
RECORDED = Session("rec", "Rec", (SpeakStep("Hello", "Hi.", audio="audio/hi.ogg"),))
TONES_ONLY = Session("tones", "T", (BreatheStep("B", Pattern(4000, 6000), cycles=2),))
VOICE_CUES = Session(
    "cues", "C", (BreatheStep("B", Pattern(4000, 6000), cycles=2, cues=Cues.VOICE),)
)


def test_builtin_narration_is_the_natural_voice_with_or_without_an_engine() -> None:
    for system in (True, False):
        assert voice_in_use(BUILTIN, voice=True, natural=True, system=system) == NATURAL
        assert voice_in_use(VOICE_CUES, voice=True, natural=True, system=system) == NATURAL
    assert voice_in_use(RECORDED, voice=True, natural=False, system=False) == NATURAL


def test_unrecorded_text_needs_the_system_voice_or_shows_captions() -> None:
    assert voice_in_use(NEW_TEXT, voice=True, natural=True, system=True) == SYSTEM
    assert voice_in_use(NEW_TEXT, voice=True, natural=True, system=False) == CAPTIONS
    assert voice_in_use(BUILTIN, voice=True, natural=False, system=True) == SYSTEM
    assert voice_in_use(BUILTIN, voice=True, natural=False, system=False) == CAPTIONS


def test_the_voice_switch_off_is_captions_only() -> None:
    assert voice_in_use(BUILTIN, voice=False, natural=True, system=True) == CAPTIONS


def test_a_session_with_nothing_to_say_names_the_voice_it_would_use() -> None:
    assert voice_in_use(TONES_ONLY, voice=True, natural=True, system=False) == NATURAL
    assert voice_in_use(TONES_ONLY, voice=True, natural=False, system=True) == SYSTEM
    assert voice_in_use(TONES_ONLY, voice=True, natural=False, system=False) == CAPTIONS
