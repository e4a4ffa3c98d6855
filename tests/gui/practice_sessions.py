"""Test sessions with pelvic floor and dilator steps, on round numbers the tests can reach."""

from __future__ import annotations

from pfrelax.core.pattern import Pattern
from pfrelax.core.session import (
    Cues,
    DilatorStep,
    PelvicFloorStep,
    PelvicKind,
    RestStep,
    Session,
    SpeakStep,
)

BREATH = Pattern(inhale_ms=4000, exhale_ms=6000)  # 10 s a breath


def pelvic_session() -> Session:
    """Speak 0–4 s; release reps 4–32 s (release 10 s, rest 4 s, twice); a contract_release
    rep 32–47 s (contract 3 s, release 8 s, rest 4 s); rest 47–52 s."""
    return Session(
        id="pelvic-test",
        title="Letting go",
        checkin=(),
        steps=(
            SpeakStep("Welcome", "Hello. Settle in.", seconds_ms=4000),
            PelvicFloorStep("Drop", reps=2, release_ms=10_000, rest_ms=4000),
            PelvicFloorStep(
                "Feel and let go",
                pelvic_kind=PelvicKind.CONTRACT_RELEASE,
                reps=1,
                contract_ms=3000,
                release_ms=8000,
                rest_ms=4000,
            ),
            RestStep("Rest", 5000, "Rest now."),
        ),
    )


def dilator_session(cues: Cues = Cues.TONES) -> Session:
    """A dilator step of 10 s breaths: settle 0–20 s, insert 20–30 s, stay 30–60 s (Continue
    offered from 60 s, at most 120 s), remove 60–70 s; then a rest 70–75 s."""
    return Session(
        id="dilator-test",
        title="Practice with the breath",
        checkin=(),
        steps=(
            DilatorStep(
                "Practice",
                BREATH,
                settle_ms=20_000,
                insert_breaths=1,
                stay_ms=30_000,
                stay_max_ms=120_000,
                remove_breaths=1,
                cues=cues,
            ),
            RestStep("Rest", 5000, "Rest now."),
        ),
    )
