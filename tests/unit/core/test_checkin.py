"""Check-in measures: the wording from CLINICAL.md §3 and when the support text is offered."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pfrelax.core.checkin import (
    DEFAULT_MEASURES,
    Measure,
    needs_support,
    session_measures,
    typed_value,
    weekly_question_due,
)
from pfrelax.store.models import MEASURES


def test_measures_are_the_ones_the_store_accepts() -> None:
    assert tuple(m.value for m in Measure) == MEASURES


def test_wording_and_anchors_follow_the_clinical_brief() -> None:
    distress = Measure.DISTRESS.wording
    assert distress.question == "How distressed or stressed do you feel right now?"
    assert (distress.low, distress.high) == ("calm", "worst imaginable")
    assert Measure.PELVIC_TENSION.wording.low == "completely soft"
    assert Measure.PELVIC_TENSION.wording.high == "maximally clenched"
    assert Measure.PAIN_WITH_PENETRATION.question == (
        "Pain at your most recent attempt (sex, tampon, dilator)"
    )


def test_sessions_ask_distress_tension_and_mood_unless_more_are_chosen() -> None:
    assert session_measures() == DEFAULT_MEASURES
    assert session_measures(["pain", "no_such_measure"]) == (*DEFAULT_MEASURES, Measure.PAIN)
    assert session_measures(["pain", "body_tension"])[-2:] == (Measure.BODY_TENSION, Measure.PAIN)


@pytest.mark.parametrize("distress", [9, 10])
def test_support_is_offered_at_very_high_distress(distress: int) -> None:
    assert needs_support(None, {"distress": distress})


def test_support_is_not_offered_at_distress_8_without_a_rise() -> None:
    assert not needs_support({"distress": 7}, {"distress": 8})
    assert not needs_support(None, {"distress": 8})


def test_support_is_offered_when_distress_rises_by_three() -> None:
    assert needs_support({"distress": 2}, {"distress": 5})


def test_a_rise_of_two_does_not_offer_support() -> None:
    assert not needs_support({"distress": 2}, {"distress": 4})


def test_missing_distress_is_no_signal() -> None:
    assert not needs_support({"distress": 1}, {"mood": 2})
    assert not needs_support({"mood": 1}, {"distress": 6})
    assert not needs_support({"distress": None}, {"distress": 6})


def test_weekly_question_is_due_after_seven_days() -> None:
    now = datetime(2026, 11, 27, 10, tzinfo=UTC)
    assert weekly_question_due(None, now)
    assert not weekly_question_due(now - timedelta(days=6, hours=23), now)
    assert weekly_question_due(now - timedelta(days=7), now)


def test_one_then_zero_quickly_types_ten() -> None:
    assert typed_value(1, 0.3, 0) == 10
    assert typed_value(1, 1.5, 0) == 0
    assert typed_value(2, 0.1, 0) == 0
    assert typed_value(None, 0.0, 7) == 7
