"""The pack studio's plan: the manifest's `[[plan]]` tables read and changed in place, each entry
checked by the validator's own parser, and the pack's Today as it would look in a chosen week.

Changes go straight into the tomlkit document, one value at a time, so a saved `pack.toml`
differs only in the lines a PT changed; a trailing comment on a changed line stays on it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import tomlkit
from tomlkit.items import AoT, Item

from pfrelax.core.plan import (
    DAY_SETS,
    MAX_PLAN_WEEK,
    MAX_TIMES_PER_DAY,
    WEEKDAY_NAMES,
    PlanEntry,
    parse_plan_entry,
)
from pfrelax.core.today import PackPlan, PlanSession, Practice
from pfrelax.services.pack_studio import PackSource

__all__ = ["DAY_NAMES", "MAX_TIMES", "MAX_WEEKS", "PlanEditor", "PlanRow", "PreviewToday"]

MAX_WEEKS = MAX_PLAN_WEEK
MAX_TIMES = MAX_TIMES_PER_DAY
DAY_NAMES = WEEKDAY_NAMES
_WEEK_NUMBER = re.compile(r"[0-9]{1,4}")
Table = MutableMapping[str, Any]


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One `[[plan]]` entry as the form shows it, with the validator's words for its problems."""

    session: str
    weeks: tuple[int, ...]
    days: tuple[int, ...]
    times_per_day: int
    note: str
    sizes: tuple[str, ...]
    problems: tuple[str, ...]  # "plan[0].weeks: week 60 is past week 52, …"


class PlanEditor:
    """The plan of one open pack. Every method changes the document the studio will save."""

    def __init__(self, source: PackSource) -> None:
        self.source = source

    # --- reading ------------------------------------------------------------------------------
    def tables(self) -> list[Table]:
        plan = self.source.manifest.document.get("plan")
        return list(plan) if isinstance(plan, AoT) else []

    def rows(self) -> list[PlanRow]:
        return [_row(index, table) for index, table in enumerate(self.tables())]

    def weeks(self) -> int:
        """The plan's length: its last week with anything in it (0 for no plan)."""
        return max((max(row.weeks, default=0) for row in self.rows()), default=0)

    def sessions(self) -> list[tuple[str, str]]:
        """(id, title) of every session in the pack, in the studio's order."""
        found = []
        for file in self.source.sessions:
            session_id = str(file.document.get("id", "") or "")
            if session_id:
                found.append((session_id, str(file.document.get("title", "") or session_id)))
        return found

    def has_dilator_step(self, session_id: str) -> bool:
        """Whether the session has a dilator step: only then may its entries suggest sizes."""
        for file in self.source.sessions:
            if str(file.document.get("id", "")) == session_id:
                steps = file.document.get("step", [])
                return any(str(step.get("type", "")) == "dilator" for step in steps)
        return False

    def entries(self) -> list[PlanEntry]:
        """The entries the validator accepts, as Today reads them."""
        return [entry for table in self.tables() if (entry := parse_plan_entry(table)[0])]

    # --- changing one entry -------------------------------------------------------------------
    def set_session(self, index: int, session_id: str) -> None:
        _put(self.tables()[index], "session", session_id)

    def set_weeks(self, index: int, weeks: Sequence[int]) -> None:
        table = self.tables()[index]
        chosen = tuple(sorted(set(weeks)))
        if _row(index, table).weeks != chosen or "weeks" not in table:
            _put(table, "weeks", weeks_value(chosen))

    def set_weeks_text(self, index: int, text: str) -> None:
        """Weeks as typed: "1-4" and "3" as written, "1, 2, 5" as a list; the parser judges it."""
        parts = [part.strip() for part in text.split(",")]
        # Only plain digits become numbers ("²" is a digit to isdigit, not to int); anything
        # else stays text, for the parser to name.
        if len(parts) > 1 and all(_WEEK_NUMBER.fullmatch(part) for part in parts):
            _put(self.tables()[index], "weeks", [int(part) for part in parts])
        else:
            _put(self.tables()[index], "weeks", text.strip())

    def set_days(self, index: int, days: Sequence[int]) -> None:
        table = self.tables()[index]
        chosen = tuple(sorted(set(days)))
        if _row(index, table).days != chosen or (
            "days" not in table and chosen != DAY_SETS["daily"]
        ):
            _put(table, "days", days_value(chosen))

    def set_times(self, index: int, times: int) -> None:
        table = self.tables()[index]
        if table.get("times_per_day", 1) != times:
            _put(table, "times_per_day", times)

    def set_note(self, index: int, note: str) -> None:
        table = self.tables()[index]
        if str(table.get("note", "")) != note.strip():
            _put_or_drop(table, "note", note.strip())

    def set_sizes(self, index: int, text: str) -> None:
        """Sizes as typed, "2, 3" → ["2", "3"]; an empty field removes the key."""
        sizes = [size.strip() for size in text.split(",") if size.strip()]
        table = self.tables()[index]
        if list(_row(index, table).sizes) != sizes or not sizes:
            _put_or_drop(table, "sizes", sizes)

    # --- the whole plan -----------------------------------------------------------------------
    def add_entry(self, session_id: str, weeks: Sequence[int]) -> int:
        """A new entry for `session_id` in `weeks`, every day, once a day; its index."""
        table = tomlkit.table()
        table.add("session", session_id)
        table.add("weeks", weeks_value(tuple(sorted(set(weeks))) or (1,)))
        table.add("days", "daily")
        document = self.source.manifest.document
        plan = document.get("plan")
        if isinstance(plan, AoT):
            plan.append(table)
        else:
            document.append("plan", tomlkit.aot())
            document["plan"].append(table)
        return len(self.tables()) - 1

    def remove_entry(self, index: int) -> None:
        plan = self.source.manifest.document["plan"]
        kept = [table for at, table in enumerate(plan) if at != index]
        if kept:
            replacement = tomlkit.aot()
            for table in kept:
                replacement.append(table)
            self.source.manifest.document["plan"] = replacement
        else:
            del self.source.manifest.document["plan"]

    def add_week(self) -> int:
        """One more week, planned like the last one: every entry in the last week gets it too."""
        last = self.weeks()
        if last == 0 or last >= MAX_WEEKS:
            return last
        for index, row in enumerate(self.rows()):
            if last in row.weeks:
                self.set_weeks(index, (*row.weeks, last + 1))
        return last + 1

    def remove_week(self) -> int:
        """The last week taken out of every entry; an entry left with no weeks is removed."""
        last = self.weeks()
        for index in reversed(range(len(self.tables()))):
            row = _row(index, self.tables()[index])
            if last not in row.weeks:
                continue
            rest = tuple(week for week in row.weeks if week != last)
            if rest:
                self.set_weeks(index, rest)
            else:
                self.remove_entry(index)
        return self.weeks()

    def cell(self, week: int, day: int) -> list[tuple[str, int, str]]:
        """What week `week`, weekday `day` (0 = Monday) holds: (session id, times, note)."""
        return [
            (row.session, row.times_per_day, row.note)
            for row in self.rows()
            if week in row.weeks and day in row.days
        ]


# --- Today, as the patient would see it in a chosen week ----------------------------------------
class PreviewToday:
    """A `TodaySource` for the real Today page: this pack's plan as if the patient had started it
    on a Monday, so that the day shown falls in the chosen week and weekday; no practice yet."""

    def __init__(self) -> None:
        self._editor: PlanEditor | None = None
        self._started: date | None = None

    def show(self, editor: PlanEditor, week: int, day: int, around: date) -> date:
        """Preview weekday `day` (0 = Monday) of plan week `week`, in the week of `around`;
        the date Today should then be showing."""
        monday = around - timedelta(days=around.weekday())
        self._editor = editor
        self._started = monday - timedelta(days=7 * (week - 1))
        return monday + timedelta(days=day)

    def plans(self) -> list[PackPlan]:
        if self._editor is None:
            return []
        manifest = self._editor.source.manifest.document
        pack_id = str(manifest.get("id", "") or "pack")
        sessions = tuple(
            PlanSession(session_id, title, f"{pack_id}/{session_id}")
            for session_id, title in self._editor.sessions()
        )
        plan = PackPlan(
            pack_id=pack_id,
            title=str(manifest.get("title", "") or ""),
            author=str(manifest.get("author", "") or ""),
            message=str(manifest.get("message", "") or ""),
            entries=tuple(self._editor.entries()),
            sessions=sessions,
            started=self._started,
        )
        return [plan]

    def practice(self, start: datetime, end: datetime) -> list[Practice]:
        return []

    def start_plan(self, pack_id: str, day: date) -> None:
        """A preview has nothing to start."""


# --- values, written as a person would ----------------------------------------------------------
def weeks_value(weeks: tuple[int, ...]) -> str | list[int]:
    """(1, 2, 3, 4) → "1-4"; (3,) → "3"; (1, 2, 5) → [1, 2, 5]."""
    if len(weeks) == 1:
        return str(weeks[0])
    if weeks and weeks == tuple(range(weeks[0], weeks[-1] + 1)):
        return f"{weeks[0]}-{weeks[-1]}"
    return list(weeks)


def days_value(days: tuple[int, ...]) -> str | list[str]:
    """(0, …, 6) → "daily"; (0, 2, 4) → ["mon", "wed", "fri"]."""
    for name, members in DAY_SETS.items():
        if days == members:
            return name
    return [WEEKDAY_NAMES[day] for day in days]


def _row(index: int, table: Mapping[str, Any]) -> PlanRow:
    entry, problems = parse_plan_entry(table)
    words = tuple(
        f"plan[{index}]{''.join(_key(part) for part in where)}: {message}"
        for where, message in problems
    )
    if entry is None:
        entry = _best_effort(table)
    return PlanRow(
        entry.session,
        entry.weeks,
        entry.days,
        entry.times_per_day,
        entry.note,
        entry.sizes,
        words,
    )


def _best_effort(table: Mapping[str, Any]) -> PlanEntry:
    """An entry with a problem, each value read on its own (a wrong one as its default)."""
    base: dict[str, Any] = {"session": "?", "weeks": 1}
    values: dict[str, Any] = {}
    for key in ("weeks", "days", "times_per_day", "note", "sizes"):
        if key in table:
            entry = parse_plan_entry(base | {key: table[key]})[0]
            if entry is not None:
                values[key] = getattr(entry, key)
    return PlanEntry(
        session=str(table.get("session", "") or ""),
        weeks=values.get("weeks", ()),
        days=values.get("days", DAY_SETS["daily"]),
        times_per_day=values.get("times_per_day", 1),
        note=values.get("note", ""),
        sizes=values.get("sizes", ()),
    )


def _key(part: str | int) -> str:
    return f"[{part}]" if isinstance(part, int) else f".{part}"


def _put(table: Table, key: str, value: object) -> None:
    """Set `key`, keeping a comment written after the old value on its line."""
    new = tomlkit.item(value)
    old = table.get(key) if key in table else None
    if isinstance(old, Item) and old.trivia.comment:
        new.trivia.comment_ws = old.trivia.comment_ws
        new.trivia.comment = old.trivia.comment
    table[key] = new


def _put_or_drop(table: Table, key: str, value: str | list[str]) -> None:
    if value:
        _put(table, key, value)
    elif key in table:
        del table[key]
