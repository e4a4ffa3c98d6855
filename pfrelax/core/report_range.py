"""Which days a PT report covers: the default range, and the bounds that keep it sensible."""

from __future__ import annotations

from datetime import date, timedelta

DEFAULT_WEEKS = 12  # the longest default: a new user's report starts at their first record
EARLIEST_DAY = date(1970, 1, 1)  # stored times are seconds since 1970
MAX_YEARS = 5


def default_first_day(last: date, earliest: date | None) -> date:
    """The first day of a report ending `last` when none was asked for: the first day with a
    record or a plan start, but no more than DEFAULT_WEEKS back (never weeks of empty rows)."""
    twelve_weeks = last - timedelta(weeks=DEFAULT_WEEKS) + timedelta(days=1)
    if earliest is None or earliest > last:
        return last if earliest is not None else twelve_weeks
    return max(twelve_weeks, earliest)


def range_problem(first: date | None, last: date | None, today: date) -> str | None:
    """What is wrong with a report range, naming the option and what to type; None if fine.

    Days run from 1970-01-01 to tomorrow (a patient ahead of UTC), and one report covers at
    most MAX_YEARS years, so it stays a couple of pages made in a moment."""
    latest = today + timedelta(days=1)
    for option, day in (("--from", first), ("--to", last)):
        if day is None:
            continue
        if day < EARLIEST_DAY:
            return f"{option} {day} is before 1970; give a date from 1970-01-01 on, e.g. {today}."
        if day > latest:
            return (
                f"{option} {day} has not happened yet; give a date up to {latest}, e.g. {today}"
                + (", or leave --to out to end today." if option == "--to" else ".")
            )
    if first is not None and last is not None and first > last:
        return f"--from {first} is after --to {last}; swap them."
    if first is not None and last is not None and first <= _years_before(last, MAX_YEARS):
        earliest = _years_before(last, MAX_YEARS) + timedelta(days=1)
        return (
            f"--from {first} to --to {last} is more than {MAX_YEARS} years; one report covers "
            f"at most {MAX_YEARS} years. Give --from {earliest} or later."
        )
    return None


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
