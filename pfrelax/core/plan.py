"""A PT's home programme: which sessions on which days, counted in the patient's own calendar.

Weeks count from the day the patient starts the pack (week 1 is that day and the six after it).
Everything works on calendar dates; "today" is the current moment converted to the patient's time
zone, with the moment injected, so midnight, travel and daylight-saving changes cannot shift a day.
The wording is gentle on purpose (CLINICAL.md §4): no streaks, nothing "missed".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

MAX_PLAN_WEEK = 52
MAX_TIMES_PER_DAY = 6
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_SETS = {"daily": tuple(range(7)), "weekdays": tuple(range(5)), "weekends": (5, 6)}
PLAN_KEYS = ("session", "weeks", "days", "times_per_day", "note", "sizes")
MAX_SIZES = 12
MAX_SIZE_CHARS = 20
_WEEKS = re.compile(r"^\s*(\d{1,4})\s*(?:[-–]\s*(\d{1,4}))?\s*$")
_WEEKS_HINT = 'a week ("3"), a range of weeks ("1-4") or a list of weeks ([1, 2, 5])'

KeyPath = tuple[str | int, ...]
PlanProblem = tuple[KeyPath, str]  # (key path inside the entry, message)


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One `[[plan]]` table: a session, the weeks and weekdays it is for, and how often a day."""

    session: str
    weeks: tuple[int, ...]  # sorted, from 1
    days: tuple[int, ...]  # sorted; 0 = Monday … 6 = Sunday (date.weekday())
    times_per_day: int = 1
    note: str = ""
    sizes: tuple[str, ...] = ()  # dilator sizes suggested for these weeks, in the person's set


@dataclass(frozen=True, slots=True)
class Assignment:
    session_id: str
    times: int
    note: str = ""
    sizes: tuple[str, ...] = ()  # dilator sizes the plan suggests for that day


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """One plan week up to a given day: days practised out of days with something assigned."""

    week: int
    days_practised: int
    days_assigned_so_far: int
    days_assigned: int
    sessions_done: int  # counted up to what was assigned each day
    sessions_assigned: int


# -- parsing ---------------------------------------------------------------------------------
def parse_plan_entry(raw: Mapping[str, object]) -> tuple[PlanEntry | None, list[PlanProblem]]:
    """A plan entry from its TOML table, or None and every problem (unknown keys: the caller)."""
    problems: list[PlanProblem] = []
    session = raw.get("session")
    if session is None:
        problems.append(((), "missing required key 'session'; name a session id from this pack"))
    elif not isinstance(session, str) or not session:
        problems.append((("session",), "expected the id of a session in this pack, as text"))
    weeks = _parse_weeks(raw["weeks"], problems) if "weeks" in raw else None
    if "weeks" not in raw:
        problems.append(((), "missing required key 'weeks'; for example weeks = \"1-4\""))
    days = _parse_days(raw.get("days", "daily"), problems)
    times = _parse_times(raw.get("times_per_day", 1), problems)
    note = raw.get("note", "")
    if not isinstance(note, str):
        problems.append((("note",), "expected text"))
    sizes = _parse_sizes(raw.get("sizes", []), problems)
    if problems or weeks is None or days is None or times is None:
        return None, problems
    assert isinstance(session, str)  # problems is empty, so both were checked
    assert isinstance(note, str)
    return PlanEntry(session, weeks, days, times, note, sizes), problems


def _parse_sizes(value: object, problems: list[PlanProblem]) -> tuple[str, ...]:
    """Suggested dilator sizes: short names from the person's own set, like ["2", "3"]."""
    if not isinstance(value, list) or not all(isinstance(size, str) for size in value):
        problems.append((("sizes",), 'expected a list of size names, like ["2", "3"]'))
        return ()
    if len(value) > MAX_SIZES:
        problems.append((("sizes",), f"{len(value)} sizes; suggest at most {MAX_SIZES}"))
    for index, size in enumerate(value):
        if not size.strip() or len(size) > MAX_SIZE_CHARS:
            problems.append(
                (("sizes", index), f'a size name is 1–{MAX_SIZE_CHARS} characters, like "2"')
            )
    return tuple(size.strip() for size in value)


def _parse_weeks(value: object, problems: list[PlanProblem]) -> tuple[int, ...] | None:
    weeks: list[int] = []
    if isinstance(value, int) and not isinstance(value, bool):
        weeks = [value]
    elif isinstance(value, str):
        match = _WEEKS.match(value)
        if match is None:
            problems.append((("weeks",), f"'{value}' is not {_WEEKS_HINT}"))
            return None
        first, last = int(match[1]), int(match[2] or match[1])
        if last < first:
            problems.append((("weeks",), f"'{value}' counts backwards; write '{last}-{first}'"))
            return None
        # Cut a long range just past the last week (to be named below), never before `first`.
        weeks = list(range(first, max(first, min(last, MAX_PLAN_WEEK + 1)) + 1))
    elif (
        isinstance(value, list)
        and value
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        weeks = list(value)
    else:
        problems.append((("weeks",), f"expected {_WEEKS_HINT}"))
        return None
    for week in sorted(set(weeks)):
        if week < 1:
            problems.append(
                (("weeks",), f"week {week} is before the plan starts; weeks count from 1")
            )
        elif week > MAX_PLAN_WEEK:
            problems.append(
                (("weeks",), f"week {week} is past week {MAX_PLAN_WEEK}, the longest a plan runs")
            )
    return tuple(sorted(set(weeks))) if all(1 <= w <= MAX_PLAN_WEEK for w in weeks) else None


def _parse_days(value: object, problems: list[PlanProblem]) -> tuple[int, ...] | None:
    if isinstance(value, str):
        if value in DAY_SETS:
            return DAY_SETS[value]
        problems.append(
            (
                ("days",),
                f"'{value}' is not 'daily', 'weekdays', 'weekends' or a list of days "
                'like ["mon", "wed", "fri"]',
            )
        )
        return None
    if not isinstance(value, list) or not value:
        problems.append((("days",), 'expected "daily", "weekdays", or a list like ["mon", "fri"]'))
        return None
    days: set[int] = set()
    bad = False
    for index, item in enumerate(value):
        day = _weekday(item)
        if day is None:
            bad = True
            problems.append((("days", index), f"{item!r} is not a day; {_day_hint(item)}"))
        else:
            days.add(day)
    return None if bad else tuple(sorted(days))


def _day_hint(item: object) -> str:
    close = difflib.get_close_matches(str(item).lower(), _FULL_DAY_NAMES, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{WEEKDAY_NAMES[_FULL_DAY_NAMES.index(close[0])]}'?"
    return f"use {', '.join(WEEKDAY_NAMES[:-1])} or {WEEKDAY_NAMES[-1]}"


def _weekday(item: object) -> int | None:
    if not isinstance(item, str):
        return None
    word = item.strip().lower()
    for names in (WEEKDAY_NAMES, _FULL_DAY_NAMES):
        if word in names:
            return names.index(word)
    return None


def _parse_times(value: object, problems: list[PlanProblem]) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append((("times_per_day",), "expected a whole number, like 2"))
        return None
    if not 1 <= value <= MAX_TIMES_PER_DAY:
        problems.append(
            (("times_per_day",), f"{value} is outside 1–{MAX_TIMES_PER_DAY} times a day")
        )
        return None
    return value


# -- the schedule ----------------------------------------------------------------------------
def utc_now() -> datetime:
    return datetime.now(UTC)


def today_in(zone: tzinfo, now: Callable[[], datetime] = utc_now) -> date:
    """The patient's calendar date at the moment `now()` (an aware datetime), in `zone`."""
    moment = now()
    if moment.utcoffset() is None:
        raise ValueError(f"now() must return a timezone-aware datetime, got {moment!r}")
    return moment.astimezone(zone).date()


class PlanSchedule:
    """A pack's plan anchored on the day the patient started it."""

    def __init__(self, entries: Sequence[PlanEntry], start: date) -> None:
        self.entries = tuple(entries)
        self.start = start

    @property
    def last_week(self) -> int:
        return max((max(entry.weeks) for entry in self.entries), default=0)

    def week_of(self, day: date) -> int | None:
        """The plan week `day` falls in (1 = the start day and the six after); None before it."""
        offset = (day - self.start).days
        return None if offset < 0 else offset // 7 + 1

    def is_over(self, day: date) -> bool:
        week = self.week_of(day)
        return week is not None and week > self.last_week

    def week_days(self, day: date) -> list[date]:
        """The seven dates of the plan week containing `day` (which must not be before start)."""
        week = self.week_of(day)
        if week is None:
            raise ValueError(f"{day} is before the plan starts on {self.start}")
        first = self.start + timedelta(days=7 * (week - 1))
        return [first + timedelta(days=n) for n in range(7)]

    def assigned_on(self, day: date) -> list[Assignment]:
        """What the plan asks for on `day`, a session once even when two entries name it."""
        week = self.week_of(day)
        merged: dict[str, Assignment] = {}
        for entry in self.entries:
            if week is None or week not in entry.weeks or day.weekday() not in entry.days:
                continue
            before = merged.get(entry.session)
            if before is None:
                merged[entry.session] = Assignment(
                    entry.session, entry.times_per_day, entry.note, entry.sizes
                )
            else:
                note = "; ".join(n for n in (before.note, entry.note) if n)
                sizes = tuple(dict.fromkeys((*before.sizes, *entry.sizes)))
                merged[entry.session] = Assignment(
                    entry.session, before.times + entry.times_per_day, note, sizes
                )
        return list(merged.values())

    def today(self, zone: tzinfo, now: Callable[[], datetime] = utc_now) -> list[Assignment]:
        return self.assigned_on(today_in(zone, now))

    def week_summary(self, day: date, done_counts: Mapping[date, Mapping[str, int]]) -> WeekSummary:
        """The plan week of `day`, up to and including `day`; `done_counts[date][session]` runs."""
        days = self.week_days(day)
        summary = [0, 0, 0, 0, 0]  # practised, assigned so far, assigned, done, asked
        for each in days:
            assigned = self.assigned_on(each)
            done = done_counts.get(each, {})
            if assigned:
                summary[2] += 1
            if each > day:
                continue
            summary[0] += 1 if any(count > 0 for count in done.values()) else 0
            summary[1] += 1 if assigned else 0
            summary[3] += sum(min(done.get(a.session_id, 0), a.times) for a in assigned)
            summary[4] += sum(a.times for a in assigned)
        week = self.week_of(day)
        assert week is not None  # week_days would have raised
        return WeekSummary(week, summary[0], summary[1], summary[2], summary[3], summary[4])


# -- gentle words ----------------------------------------------------------------------------
def today_line(title: str, done: int, times: int) -> str:
    """ "Pelvic floor release — 1 of 2 today"."""
    if done > times:
        return f"{title} — {done} today ({times} planned)"
    return f"{title} — {done} of {times} today"


def week_line(summary: WeekSummary) -> str:
    """ "You practised 4 of 7 days this week — that counts." Never a streak, never "missed"."""
    practised = summary.days_practised
    if practised == 0:
        return "A new week of practice — a few slow breaths today counts."
    out_of = max(summary.days_assigned_so_far, practised)
    unit = "day" if out_of == 1 else "days"
    return f"You practised {practised} of {out_of} {unit} this week — that counts."


def sizes_words(sizes: Sequence[str]) -> str:
    """ "Suggested sizes: 1, 2 — only as far as feels OK" ("" for none): a suggestion only."""
    if not sizes:
        return ""
    label = "Suggested size" if len(sizes) == 1 else "Suggested sizes"
    return f"{label}: {', '.join(sizes)} — only as far as feels OK"


def describe_entry(entry: PlanEntry) -> str:
    """ "Weeks 1–4, every day, twice a day. Morning, and before bed." """
    weeks, days = _weeks_words(entry.weeks), _days_words(entry.days)
    text = f"{weeks}, {days}, {_times_words(entry.times_per_day)}"
    if entry.sizes:
        text += f" (suggested sizes: {', '.join(entry.sizes)} — only as far as feels OK)"
    return f"{text}. {entry.note}" if entry.note else text


def _weeks_words(weeks: tuple[int, ...]) -> str:
    runs: list[list[int]] = []
    for week in weeks:
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]
    label = "Week" if len(weeks) == 1 else "Weeks"
    return f"{label} {_and_list(parts)}"


def _days_words(days: tuple[int, ...]) -> str:
    for name, words in (
        ("daily", "every day"),
        ("weekdays", "on weekdays"),
        ("weekends", "at weekends"),
    ):
        if days == DAY_SETS[name]:
            return words
    return "on " + _and_list([WEEKDAY_NAMES[d].capitalize() for d in days])


def _times_words(times: int) -> str:
    return {1: "once a day", 2: "twice a day"}.get(times, f"{times} times a day")


def _and_list(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
