"""A PT's own 0–10 check-in questions (CLINICAL.md §3): their ids, and how they are worded."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

from pfrelax.core.checkin import Measure, Wording

OWN_ID = re.compile(r"[a-z][a-z0-9_]{1,40}")
GLOBAL_CHANGE = "pgic"  # the global-change question (core.global_change), stored as a measure
BUILT_IN: tuple[str, ...] = (*(m.value for m in Measure), GLOBAL_CHANGE)
# A name this close to a built-in measure is a typo ("stres"), not a PT's own question.
_TYPO_CUTOFF = 0.75


class AskWhen(StrEnum):
    """When a question is asked: with the session check-ins (before and after), or weekly."""

    BEFORE = "before"
    AFTER = "after"
    WEEKLY = "weekly"


SESSION_TIMES: tuple[AskWhen, ...] = (AskWhen.BEFORE, AskWhen.AFTER)


@dataclass(frozen=True, slots=True)
class OwnQuestion:
    """The PT's wording of one question: asked, charted and reported like a built-in measure.

    A pack's manifest defines it (`[[checkin.item]]`); `when` follows where the manifest names
    its id: `measures` → before and after (each session's own `checkin` still decides which of
    the two it asks), `weekly` → weekly. The history keeps the wording, not `when`.
    """

    id: str
    question: str
    low: str  # the words at 0
    high: str  # the words at 10
    when: tuple[AskWhen, ...] = SESSION_TIMES

    @property
    def value(self) -> str:
        """The name the store and exports use, as Measure.value is for a built-in measure."""
        return self.id

    @property
    def label(self) -> str:
        return self.question

    @property
    def wording(self) -> Wording:
        return Wording(self.question, self.question, self.low, self.high)


def near_built_in(name: str) -> str | None:
    """The built-in measure `name` is probably a typo of, if any."""
    close = difflib.get_close_matches(name, BUILT_IN, n=1, cutoff=_TYPO_CUTOFF)
    return close[0] if close else None


def is_own_question_id(name: str) -> bool:
    """True for a name a PT's own question may have: the id pattern, and no built-in's near-twin."""
    return (
        OWN_ID.fullmatch(name) is not None and name not in BUILT_IN and near_built_in(name) is None
    )


def fallback_label(measure_id: str) -> str:
    """A readable label for a question whose wording is not known here: "sleep_quality" →
    "Sleep quality"."""
    return measure_id.replace("_", " ").capitalize()
