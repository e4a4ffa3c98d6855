"""The words the player shows for a moment (pure functions, no widgets)."""

from __future__ import annotations

import pytest

from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Prompts, Session
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
