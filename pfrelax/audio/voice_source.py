"""Which voice a session will be heard in: recordings, the system's speech, or captions only."""

from __future__ import annotations

from pfrelax.audio.voice_library import has_natural_voice, shipped_clip
from pfrelax.audio.voice_prompts import PROMPT_TEXTS
from pfrelax.core.session import BreatheStep, Cues, Session, SpeakStep

NATURAL = "Natural voice"
SYSTEM = "System voice"
CAPTIONS = "Captions only"


def _texts_to_speak(session: Session) -> list[tuple[str, bool]]:
    """(text, has its own recording) for every speak step and spoken cue of `session`."""
    found: list[tuple[str, bool]] = []
    for step in session.steps:
        if isinstance(step, SpeakStep) and (step.audio or step.text.strip()):
            found.append((step.text, bool(step.audio)))
        elif isinstance(step, BreatheStep) and step.cues is Cues.VOICE:
            found += [(text, False) for text in PROMPT_TEXTS.values()]
    return found


def voice_in_use(session: Session, *, voice: bool, natural: bool, system: bool) -> str:
    """NATURAL, SYSTEM or CAPTIONS: what `session` will sound like.

    `voice` is the voice switch, `natural` whether shipped recordings may be used, `system`
    whether a speech engine works. A session that is all recordings is in the natural voice
    even without an engine; one that needs the engine for any line is in the system voice.
    """
    if not voice:
        return CAPTIONS
    texts = _texts_to_speak(session)
    if not texts:  # nothing to say: name the voice it would speak with
        if natural and has_natural_voice():
            return NATURAL
        return SYSTEM if system else CAPTIONS
    recorded = [own or (natural and shipped_clip(text) is not None) for text, own in texts]
    if all(recorded):
        return NATURAL
    if system:
        return SYSTEM
    return NATURAL if any(recorded) else CAPTIONS
