"""The practice log as a use case: the size names, saving an entry, the weeks summarised."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pfrelax.core.practice_log import (
    LoggedPractice,
    PracticeEntry,
    PracticeWeek,
    parse_size_names,
    weekly_practice,
)
from pfrelax.store.db import Database
from pfrelax.store.dilator import DilatorLogs
from pfrelax.store.timecodec import Clock, local_now


class DilatorLog:
    """One owner for the log: the GUI's dialog and charts and the report all go through it.

    `read_sizes` and `write_sizes` reach the person's size names (a comma-separated setting),
    so this service never touches the settings file itself.
    """

    def __init__(
        self,
        db: Database,
        read_sizes: Callable[[], str],
        write_sizes: Callable[[str], None],
        now: Clock = local_now,
    ) -> None:
        self._logs = DilatorLogs(db, now)
        self._read_sizes = read_sizes
        self._write_sizes = write_sizes

    def size_names(self) -> tuple[str, ...]:
        """The person's size names, in their set's order; empty until they enter them."""
        return parse_size_names(self._read_sizes())

    def set_size_names(self, text: str) -> tuple[str, ...]:
        """Keep the names typed once ("1, 2, 3" or "XS S M L XL"); returns them as understood."""
        names = parse_size_names(text)
        self._write_sizes(", ".join(names))
        return names

    def save(self, entry: PracticeEntry, run_id: int | None = None) -> int:
        """Store one entry (one transaction); ValueError for a value out of bounds."""
        return self._logs.save(entry, run_id)

    def entries(self, start: datetime, end: datetime) -> list[LoggedPractice]:
        return self._logs.between(start, end)

    def weeks(self, start: datetime, end: datetime) -> list[PracticeWeek]:
        """Per ISO week of [start, end) with practice: entries, sizes, median pain and anxiety."""
        return weekly_practice(self._logs.between(start, end))
