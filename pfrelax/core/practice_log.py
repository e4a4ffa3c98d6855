"""The practice log after a dilator step (CLINICAL.md §2b): an entry, its bounds, weekly summary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Literal

Depth = Literal["tip", "half", "comfortable"]
DEPTHS: tuple[Depth, ...] = ("tip", "half", "comfortable")
# How the log asks it: never a target, only how far it went today.
DEPTH_WORDS: dict[Depth, str] = {
    "tip": "Just the tip",
    "half": "About half",
    "comfortable": "As far as comfortable",
}
MAX_MINUTES = 180
MAX_SIZE_CHARS = 40
MAX_SIZE_NAMES = 20
MAX_NOTE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class PracticeEntry:
    """What the person wrote after practising: everything but size and depth may be left out."""

    size: str
    depth: Depth
    minutes: int | None = None
    insertion_pain: int | None = None
    anxiety: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class LoggedPractice:
    """One stored entry: when it was written, and the session run it followed (if any)."""

    log_id: int
    time: datetime
    run_id: int | None
    entry: PracticeEntry


@dataclass(frozen=True, slots=True)
class PracticeWeek:
    """One ISO week of practice, for the report: counted in the local time of each entry."""

    year: int
    week: int
    sessions: int
    sizes: tuple[str, ...]  # in the order first used that week
    median_pain: float | None
    median_anxiety: float | None


def check_entry(entry: PracticeEntry) -> None:
    """ValueError naming the first value out of bounds; the dialog never offers one."""
    size = entry.size.strip()
    if not size or len(size) > MAX_SIZE_CHARS or size != entry.size:
        raise ValueError(
            f"size: {entry.size!r} needs 1–{MAX_SIZE_CHARS} characters, no spaces around"
        )
    if entry.depth not in DEPTHS:
        raise ValueError(f"depth: {entry.depth!r} is not one of {', '.join(DEPTHS)}")
    _check_number("minutes", entry.minutes, MAX_MINUTES)
    _check_number("insertion_pain", entry.insertion_pain, 10)
    _check_number("anxiety", entry.anxiety, 10)
    if len(entry.note) > MAX_NOTE_CHARS:
        raise ValueError(f"note: longer than {MAX_NOTE_CHARS} characters")


def _check_number(what: str, value: int | None, high: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise ValueError(f"{what}: {value!r} is not a whole number 0–{high} or empty")


def parse_size_names(text: str) -> tuple[str, ...]:
    """ "1, 2, 3" or "XS XL" → the person's size names, in their order, each once."""
    # Commas when there are any, so "extra small, small" keeps its spaces; otherwise spaces.
    parts = text.split(",") if "," in text else text.split()
    names = [part.strip()[:MAX_SIZE_CHARS] for part in parts if part.strip()]
    return tuple(dict.fromkeys(names))[:MAX_SIZE_NAMES]


def weekly_practice(logs: Iterable[LoggedPractice]) -> list[PracticeWeek]:
    """Per ISO week with any entry, oldest first: entries, sizes used, median pain and anxiety."""
    weeks: dict[tuple[int, int], list[PracticeEntry]] = {}
    for logged in logs:
        iso = logged.time.isocalendar()
        weeks.setdefault((iso.year, iso.week), []).append(logged.entry)
    return [_week(year, week, entries) for (year, week), entries in sorted(weeks.items())]


def _week(year: int, week: int, entries: list[PracticeEntry]) -> PracticeWeek:
    pains = [e.insertion_pain for e in entries if e.insertion_pain is not None]
    worries = [e.anxiety for e in entries if e.anxiety is not None]
    return PracticeWeek(
        year,
        week,
        len(entries),
        tuple(dict.fromkeys(e.size for e in entries)),
        float(median(pains)) if pains else None,
        float(median(worries)) if worries else None,
    )


def size_rank(size: str, names: tuple[str, ...]) -> int | None:
    """The size's place (1-based) in the person's set, for a chart; None if not in it."""
    return names.index(size) + 1 if size in names else None
