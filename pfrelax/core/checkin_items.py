"""A PT's own 0–10 check-in questions, defined in a pack's manifest (CLINICAL.md §3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

ITEM_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{1,40}")


class AskWhen(StrEnum):
    """When an item is asked: with the session check-ins (before and after), or weekly."""

    BEFORE = "before"
    AFTER = "after"
    WEEKLY = "weekly"


@dataclass(frozen=True, slots=True)
class CheckinItem:
    """One `[[checkin.item]]`: a 0–10 question with the PT's words at 0 (`low`) and 10 (`high`).

    `when` follows where the manifest names its id: `measures` → before and after (each
    session's own `checkin` still decides which of the two it asks), `weekly` → weekly.
    """

    id: str
    question: str
    low: str
    high: str
    when: tuple[AskWhen, ...] = (AskWhen.BEFORE, AskWhen.AFTER)

    @property
    def label(self) -> str:
        """A short name for charts and reports: the question itself, without its '?'."""
        return self.question.rstrip(" ?")
