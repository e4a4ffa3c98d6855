"""Check-in measures (CLINICAL.md §3), their wording, and when to offer the support text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol


class Measure(StrEnum):
    """The 0–10 measures; the value is the name the store and exports use."""

    DISTRESS = "distress"
    PELVIC_TENSION = "pelvic_tension"
    MOOD = "mood"
    BODY_TENSION = "body_tension"
    PAIN = "pain"
    PAIN_WITH_PENETRATION = "pain_with_penetration"

    @property
    def wording(self) -> Wording:
        return WORDING[self]

    @property
    def label(self) -> str:
        return WORDING[self].label

    @property
    def question(self) -> str:
        return WORDING[self].question


class Asked(Protocol):
    """Anything asked on a 0–10 scale: a built-in Measure, or a PT's own question."""

    @property
    def value(self) -> str: ...  # the name the store and exports use

    @property
    def wording(self) -> Wording: ...


@dataclass(frozen=True, slots=True)
class Wording:
    """How a measure is asked: a short label, the question, and the words at 0 and at 10."""

    label: str
    question: str
    low: str
    high: str


# Wording and anchors exactly as CLINICAL.md §3.
WORDING: Mapping[Measure, Wording] = {
    Measure.DISTRESS: Wording(
        "Distress", "How distressed or stressed do you feel right now?", "calm", "worst imaginable"
    ),
    Measure.PELVIC_TENSION: Wording(
        "Pelvic floor tension (your rating)",
        "How tense or gripped does your pelvic floor feel?",
        "completely soft",
        "maximally clenched",
    ),
    Measure.MOOD: Wording("Mood", "How is your mood right now?", "very low", "very good"),
    Measure.BODY_TENSION: Wording(
        "Body tension", "How tense does your body feel?", "relaxed", "extremely tense"
    ),
    Measure.PAIN: Wording("Pain now", "Pain right now", "none", "worst imaginable"),
    Measure.PAIN_WITH_PENETRATION: Wording(
        "Pain with penetration",
        "Pain at your most recent attempt (sex, tampon, dilator)",
        "none",
        "worst imaginable",
    ),
}

SCALE_MIN = 0
SCALE_MAX = 10

DEFAULT_MEASURES: tuple[Measure, ...] = (Measure.DISTRESS, Measure.PELVIC_TENSION, Measure.MOOD)
# Offered by a setting; asked after the defaults, in this order.
OPTIONAL_MEASURES: tuple[Measure, ...] = (Measure.BODY_TENSION, Measure.PAIN)
WEEKLY_MEASURE = Measure.PAIN_WITH_PENETRATION

# Support is offered at distress 9–10, or when distress rises by 3 or more across a session.
HIGH_DISTRESS = 9
DISTRESS_RISE = 3

# The weekly question comes back once the last answer is at least this old.
WEEKLY_INTERVAL = timedelta(days=7)

# Typing "1" then "0" within this many seconds on one slider gives 10.
TEN_KEY_WINDOW_S = 1.0


def session_measures(optional: Iterable[str] = ()) -> tuple[Measure, ...]:
    """The measures asked before and after a session: the defaults plus the optional ones chosen.

    Unknown names (say, from an older settings value) are ignored rather than refused.
    """
    chosen = set(optional)
    return DEFAULT_MEASURES + tuple(m for m in OPTIONAL_MEASURES if m.value in chosen)


def needs_support(before: Mapping[str, int | None] | None, after: Mapping[str, int | None]) -> bool:
    """True when the support text should be shown gently after saving `after`.

    Distress 9 or 10 in `after`, or distress 3 or more points higher in `after` than in
    `before` (the same session's before check-in). A missing or unrated distress counts as no
    signal, never as a rise.
    """
    now = after.get(Measure.DISTRESS.value)
    if now is None:
        return False
    if now >= HIGH_DISTRESS:
        return True
    earlier = None if before is None else before.get(Measure.DISTRESS.value)
    return earlier is not None and now - earlier >= DISTRESS_RISE


def weekly_question_due(last_answer: datetime | None, now: datetime) -> bool:
    """The weekly pain question is due when it was never answered or last answered 7+ days ago."""
    return last_answer is None or now - last_answer >= WEEKLY_INTERVAL


def typed_value(previous_digit: int | None, seconds_since: float, digit: int) -> int:
    """The rating a digit key sets: the digit itself, except "1" then "0" quickly gives 10."""
    if digit == 0 and previous_digit == 1 and seconds_since <= TEN_KEY_WINDOW_S:
        return SCALE_MAX
    return digit
