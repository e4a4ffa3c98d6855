"""The words the player shows for a moment (pure functions, no widgets)."""

from __future__ import annotations

import pytest

from pfrelax.core.pattern import Pattern
from pfrelax.core.session import (
    BreatheStep,
    PelvicFloorStep,
    PelvicKind,
    PelvicPrompts,
    Prompts,
    Session,
)
from pfrelax.core.timeline import compile_session
from pfrelax.ui.common.texts import count_steps
from pfrelax.ui.player.phase_text import count_in_text, phase_text


@pytest.mark.parametrize(
    ("left_ms", "shown"), [(3000, "3"), (2001, "3"), (2000, "2"), (999, "1"), (0, "1")]
)
def test_count_in_shows_whole_seconds_left_never_zero(left_ms: int, shown: str) -> None:
    assert count_in_text(left_ms) == shown


def test_a_prompt_that_repeats_the_label_is_not_shown_twice() -> None:
    step = BreatheStep(
        "Box", Pattern(4000, 4000), cycles=1, prompts=Prompts(inhale="Breathe in", exhale="Slowly")
    )
    timeline = compile_session(Session(id="s", title="S", steps=(step,)))
    inhale = phase_text(timeline.at(1000), show_seconds=False)
    exhale = phase_text(timeline.at(5000), show_seconds=True)
    assert (inhale.label, inhale.prompt, inhale.seconds) == ("Breathe in", "", "")
    assert (exhale.label, exhale.prompt, exhale.seconds) == ("Breathe out", "Slowly", "3")


def test_steps_are_counted_in_plain_words() -> None:
    assert [count_steps(n) for n in (1, 2)] == ["1 step", "2 steps"]


def test_a_pelvic_floor_part_is_labelled_by_its_own_words() -> None:
    long_words = "Draw up very gently, about half of your strongest, and keep breathing"
    steps = (
        PelvicFloorStep("Drop", reps=1, release_ms=10_000, rest_ms=4000),
        PelvicFloorStep(
            "Feel",
            pelvic_kind=PelvicKind.CONTRACT_RELEASE,
            reps=1,
            effort=50,
            prompts=PelvicPrompts(contract=long_words),
        ),
    )
    timeline = compile_session(Session(id="s", title="S", steps=steps))
    release = phase_text(timeline.at(1000), show_seconds=True)
    rest = phase_text(timeline.at(11_000), show_seconds=False)
    contract = phase_text(timeline.at(14_500), show_seconds=False)
    after = phase_text(timeline.at(18_000), show_seconds=False)
    assert (release.label, release.prompt, release.seconds) == ("Soften and let go", "", "9")
    assert release.announcement == "Soften and let go"
    assert (rest.label, rest.prompt) == ("Nothing to do now", "")
    assert (contract.label, contract.prompt) == ("Gently draw up", long_words)
    assert after.label == "Let go completely"
