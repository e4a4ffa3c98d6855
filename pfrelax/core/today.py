"""The Today page's content, Qt-free: each started plan's sessions today and the week's practice.

Days are calendar dates in the patient's time zone (`zone`), and a run belongs to the local date it
started on in that zone, so midnight, travel and daylight-saving changes never move practice to
the wrong day. What counts as "done" (documented for PTs and patients alike):

- a run counts towards today's "1 of 2" only when it was **completed** (`core.completion`: it
  reached the end having played at least 80 % of the session); any other run is *partial* and is
  shown beside the count with its minutes ("0 of 1 today · 1 partial (2 minutes)");
- only runs of that pack's own session count (the same session id in another pack does not);
- "minutes this week" adds every run of the pack's sessions, stopped ones too: time spent
  breathing is practice, whatever the counter says.

The wording is gentle on purpose (CLINICAL.md §4): no streaks, nothing "missed".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from pfrelax.core.completion import minutes_words
from pfrelax.core.plan import (
    Assignment,
    PlanEntry,
    PlanSchedule,
    WeekSummary,
    describe_entry,
    sizes_words,
    today_line,
    week_line,
)

PlanState = Literal["not_started", "upcoming", "active", "finished"]


@dataclass(frozen=True, slots=True)
class PlanSession:
    """A session a plan names: its title, player address and length (None when unknown)."""

    id: str
    title: str
    address: str
    duration_ms: int | None = None


@dataclass(frozen=True, slots=True)
class PackPlan:
    """An installed pack with a plan, and the day the patient started it (None: not yet)."""

    pack_id: str
    title: str
    author: str
    message: str
    entries: tuple[PlanEntry, ...]
    sessions: tuple[PlanSession, ...]
    started: date | None

    def session(self, session_id: str) -> PlanSession:
        for session in self.sessions:
            if session.id == session_id:
                return session
        # A plan naming a session the pack lacks is refused on import; be kind if a file
        # was damaged since: show the id rather than failing the whole page.
        return PlanSession(session_id, session_id, f"{self.pack_id}/{session_id}")


@dataclass(frozen=True, slots=True)
class Practice:
    """One session run, as the Today page needs it."""

    pack_id: str | None
    session_id: str
    started: datetime  # aware
    seconds: int
    completed: bool


@dataclass(frozen=True, slots=True)
class TodayRow:
    session_id: str
    title: str
    address: str
    done: int
    times: int
    note: str
    line: str  # "Pelvic floor release — 1 of 2 today · 1 partial (2 minutes)"
    partial: int = 0  # runs today that were not completed


@dataclass(frozen=True, slots=True)
class PackDay:
    """One pack's section of the Today page."""

    pack_id: str
    title: str
    author: str
    message: str
    state: PlanState
    week: int | None
    last_week: int
    rows: tuple[TodayRow, ...]
    week_label: str  # "Week 2 of 4"
    status_line: str  # what the state means, in plain words ("" when rows say it all)
    totals_line: str  # "This week: 6 sessions, 48 minutes"
    days_line: str  # "You practised 4 of 7 days this week — that counts."
    plan_lines: tuple[str, ...]  # the plan in words, for a plan not started yet


def run_counts(practice: Practice) -> bool:
    """Whether a run counts as a done session: only when completed (`core.completion`)."""
    return practice.completed


def local_day(moment: datetime, zone: tzinfo) -> date:
    if moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {moment!r}")
    return moment.astimezone(zone).date()


def day_start(day: date, zone: tzinfo) -> datetime:
    """The first instant of `day` in `zone` (the end of the gap, when midnight does not exist)."""
    naive = datetime.combine(day, time())
    # fold=0 in a gap uses the offset from before the change, which lands exactly on the change.
    moment = naive.replace(tzinfo=zone)
    if local_day(moment, zone) != day:  # cannot happen for a gap; be safe for odd zones
        moment += timedelta(hours=1)
    return moment


def next_local_midnight(moment: datetime, zone: tzinfo) -> datetime:
    """The first instant after `moment` on the next local date in `zone`, in UTC.

    In UTC on purpose: Python subtracts two datetimes of the same zone as wall-clock times, so
    a 25-hour day would otherwise look 24 hours long and a timer would fire an hour early.
    """
    return day_start(local_day(moment, zone) + timedelta(days=1), zone).astimezone(UTC)


def practice_window(plans: Iterable[PackPlan], today: date) -> tuple[date, date] | None:
    """[first, last] local dates whose runs the page needs: the current plan weeks to today."""
    firsts: list[date] = []
    for plan in plans:
        if plan.started is None or plan.started > today:
            continue
        offset = (today - plan.started).days
        firsts.append(plan.started + timedelta(days=offset - offset % 7))
    return (min(firsts), today) if firsts else None


def build_day(plan: PackPlan, practice: Sequence[Practice], today: date, zone: tzinfo) -> PackDay:
    """One pack's section for `today`; `practice` may hold runs of any pack and any day."""
    schedule = PlanSchedule(plan.entries, plan.started or today)
    last = schedule.last_week
    if plan.started is None:
        lines = tuple(_entry_line(plan, entry) for entry in plan.entries)
        status = f"A {last}-week plan. Week 1 begins on the day you start it."
        return _section(plan, "not_started", None, last, status=status, plan_lines=lines)
    if plan.started > today:
        status = f"Your plan starts on {_day_words(plan.started)}."
        return _section(plan, "upcoming", None, last, status=status)
    done = _done_counts(plan, practice, zone)
    partial = _partial_today(plan, practice, today, zone)
    week = schedule.week_of(today)
    assert week is not None  # started on or before today
    rows = tuple(
        _row(
            plan, a.session_id, done.get(today, {}).get(a.session_id, 0), a.times, _note(a), partial
        )
        for a in schedule.assigned_on(today)
    )
    first = schedule.week_days(today)[0]
    summary = schedule.week_summary(today, done)
    summary = _with_days_practised(summary, first, today, plan, practice, zone)
    totals = _totals_line(plan, practice, first, today, zone)
    if schedule.is_over(today):
        status = (
            f"You have been through all {last} weeks of this plan. Any session is yours to keep."
        )
        rows = tuple(
            _row(plan, s.id, done.get(today, {}).get(s.id, 0), 0, "", partial)
            for s in plan.sessions
        )
        return _section(plan, "finished", week, last, rows=rows, status=status, totals=totals)
    status = "" if rows else "Nothing is planned for today. Rest is part of the plan."
    return _section(
        plan,
        "active",
        week,
        last,
        rows=rows,
        status=status,
        totals=totals,
        days=week_line(summary),
        label=f"Week {week} of {last}",
    )


def build_today(
    plans: Sequence[PackPlan], practice: Sequence[Practice], today: date, zone: tzinfo
) -> list[PackDay]:
    """Every plan's section: started plans first (by title), then those not started yet."""
    days = [build_day(plan, practice, today, zone) for plan in plans if plan.entries]
    return sorted(days, key=lambda d: (d.state == "not_started", d.title.casefold(), d.pack_id))


def week_totals_words(sessions: int, minutes: int, partial: int = 0) -> str:
    """ "This week: 6 sessions, 1 partial, 48 minutes" ("" before any practice)."""
    if sessions == 0 and minutes == 0 and partial == 0:
        return ""
    session_word = "session" if sessions == 1 else "sessions"
    minute_word = "minute" if minutes == 1 else "minutes"
    partial_words = f", {partial} partial" if partial else ""
    return f"This week: {sessions} {session_word}{partial_words}, {minutes} {minute_word}"


# -- helpers ---------------------------------------------------------------------------------
def _mine(plan: PackPlan, practice: Iterable[Practice]) -> Iterable[Practice]:
    ids = {session.id for session in plan.sessions} | {e.session for e in plan.entries}
    return (p for p in practice if p.pack_id == plan.pack_id and p.session_id in ids)


def _done_counts(
    plan: PackPlan, practice: Sequence[Practice], zone: tzinfo
) -> Mapping[date, Mapping[str, int]]:
    counts: defaultdict[date, Counter[str]] = defaultdict(Counter)
    for run in _mine(plan, practice):
        if run_counts(run):
            counts[local_day(run.started, zone)][run.session_id] += 1
    return counts


def _partial_today(
    plan: PackPlan, practice: Sequence[Practice], today: date, zone: tzinfo
) -> Mapping[str, tuple[int, int]]:
    """Per session, today's partial runs: (how many, seconds played)."""
    found: dict[str, tuple[int, int]] = {}
    for run in _mine(plan, practice):
        if not run_counts(run) and local_day(run.started, zone) == today:
            count, seconds = found.get(run.session_id, (0, 0))
            found[run.session_id] = (count + 1, seconds + run.seconds)
    return found


def _with_days_practised(
    summary: WeekSummary,
    first: date,
    today: date,
    plan: PackPlan,
    practice: Sequence[Practice],
    zone: tzinfo,
) -> WeekSummary:
    """Any practice makes a day practised, even a session stopped early: "that counts"."""
    days = {local_day(run.started, zone) for run in _mine(plan, practice)}
    practised = len({day for day in days if first <= day <= today})
    return replace(summary, days_practised=max(practised, summary.days_practised))


def _totals_line(
    plan: PackPlan, practice: Sequence[Practice], first: date, today: date, zone: tzinfo
) -> str:
    sessions = partial = seconds = 0
    for run in _mine(plan, practice):
        if not first <= local_day(run.started, zone) <= today:
            continue
        seconds += run.seconds
        sessions += run_counts(run)
        partial += not run_counts(run)
    return week_totals_words(sessions, round(seconds / 60), partial)


def _row(
    plan: PackPlan,
    session_id: str,
    done: int,
    times: int,
    note: str,
    partial: Mapping[str, tuple[int, int]],
) -> TodayRow:
    session = plan.session(session_id)
    if times:
        line = today_line(session.title, done, times)
    else:
        line = session.title + (f" — {done} today" if done else "")
    parts, seconds = partial.get(session_id, (0, 0))
    if parts:
        minutes = minutes_words(seconds * 1000)
        line += f" · {parts} partial" + (f" ({minutes})" if minutes else "")
    return TodayRow(session_id, session.title, session.address, done, times, note, line, parts)


def _note(assignment: Assignment) -> str:
    """The PT's note for the day, and the dilator sizes the plan suggests, if any."""
    return " · ".join(w for w in (assignment.note, sizes_words(assignment.sizes)) if w)


def _entry_line(plan: PackPlan, entry: PlanEntry) -> str:
    return f"{plan.session(entry.session).title} — {describe_entry(entry)}"


def _day_words(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def _section(
    plan: PackPlan,
    state: PlanState,
    week: int | None,
    last: int,
    *,
    rows: tuple[TodayRow, ...] = (),
    status: str = "",
    totals: str = "",
    days: str = "",
    label: str = "",
    plan_lines: tuple[str, ...] = (),
) -> PackDay:
    return PackDay(
        pack_id=plan.pack_id,
        title=plan.title,
        author=plan.author,
        message=plan.message,
        state=state,
        week=week,
        last_week=last,
        rows=rows,
        week_label=label,
        status_line=status,
        totals_line=totals,
        days_line=days,
        plan_lines=plan_lines,
    )
