"""Small sessions built in code for core tests (no files, no Qt)."""

from __future__ import annotations

from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep, Prompts, Ramp, RestStep, Session, SpeakStep, Step


def session_of(*steps: Step, session_id: str = "test") -> Session:
    return Session(id=session_id, title="Test session", steps=tuple(steps))


def every_kind() -> Session:
    """One of every segment kind: speak, a sigh with a top-up, holds both sides, rest."""
    return session_of(
        SpeakStep("Arrive", "Settle in. Let your shoulders drop.", seconds_ms=6_000),
        BreatheStep(
            "Sigh",
            parse_shorthand("2+1-0-6-0"),
            cycles=2,
            prompts=Prompts(inhale="In", top_up="Sip", exhale="Out"),
        ),
        BreatheStep("Box", parse_shorthand("4-4-4-4"), cycles=1, prompts=Prompts(hold="Hold")),
        RestStep("Rest", 5_000, "Let your breath find its own rhythm."),
    )


def ramped(minutes: float = 2.0) -> Session:
    return session_of(
        BreatheStep(
            "Glide",
            parse_shorthand("3-4.5"),
            target_ms=int(minutes * 60_000),
            ramp=Ramp(parse_shorthand("4-8"), 60_000),
        )
    )
