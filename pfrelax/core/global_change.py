"""The global-change question (PGIC, CLINICAL.md §3): its seven answers and the weeks it is due."""

from __future__ import annotations

from datetime import date, timedelta

QUESTION = "Since you began, how would you describe the change in your symptoms?"
# Guy 1976 coding: 1 is the best answer, 7 the worst; stored as that number.
ANSWERS: tuple[str, ...] = (
    "Very much improved",
    "Much improved",
    "Minimally improved",
    "No change",
    "Minimally worse",
    "Much worse",
    "Very much worse",
)
LOWEST, HIGHEST = 1, len(ANSWERS)
MILESTONE_WEEKS: tuple[int, ...] = (4, 8, 12, 20)


def answer_words(value: int) -> str:
    """The words of the answer stored as `value` (1–7)."""
    return ANSWERS[value - 1]


def milestone_start(began: date, week: int) -> date:
    """The first day of week `week` counted from `began` (week 1 starts on `began`)."""
    return began + timedelta(days=7 * (week - 1))


def due_milestone(began: date | None, today: date, last_answered: date | None) -> int | None:
    """The milestone week whose question is due today, or None.

    The latest milestone reached counts, asked once: a person away in week 4 who comes back in
    week 9 is asked once (for week 8), not twice. `began` is the plan's start, or the first use.
    """
    if began is None:
        return None
    reached = [w for w in MILESTONE_WEEKS if milestone_start(began, w) <= today]
    if not reached:
        return None
    week = reached[-1]
    if last_answered is not None and last_answered >= milestone_start(began, week):
        return None
    return week
