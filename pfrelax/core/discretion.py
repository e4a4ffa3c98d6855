"""Words that must never appear in text the app shows or writes outside its own window."""

from __future__ import annotations

import re

# What a reminder, a calendar event, a file name or a title must never say (PRODUCT.md §5:
# discretion). Checked as whole words or word beginnings, ignoring case.
CONDITION_WORDS = (
    "pelvic",
    "pelvis",
    "floor",
    "pain",
    "painful",
    "sex",
    "sexual",
    "intimacy",
    "intercourse",
    "penetration",
    "dilator",
    "vagin",
    "vulv",
    "genital",
    "dyspareunia",
    "vaginismus",
    "vulvodynia",
    "physio",
    "therap",
    "patient",
    "diagnos",
    "condition",
    "symptom",
)
_PATTERN = re.compile(r"\b(" + "|".join(CONDITION_WORDS) + r")", re.IGNORECASE)


def condition_words_in(text: str) -> list[str]:
    """The condition words found in `text` (lower case, in order); empty when it is discreet."""
    return [match.lower() for match in _PATTERN.findall(text)]


def is_discreet(text: str) -> bool:
    return not _PATTERN.search(text)
