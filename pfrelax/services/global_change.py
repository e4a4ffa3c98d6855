"""The global-change question (PGIC) as a use case: when it is due, and saving an answer."""

from __future__ import annotations

from datetime import date, datetime

from pfrelax.core.global_change import due_milestone
from pfrelax.core.own_questions import GLOBAL_CHANGE
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database
from pfrelax.store.own_questions import NOT_BUILT_IN
from pfrelax.store.packs import InstalledPacks
from pfrelax.store.progress_queries import first_record_day
from pfrelax.store.timecodec import Clock, from_columns, local_now


class GlobalChange:
    """Weeks count from the latest plan's start (the current block of therapy), or from the first
    day anything was recorded when no pack has a plan."""

    def __init__(self, db: Database, now: Clock = local_now) -> None:
        self._db = db
        self._now = now

    def began(self) -> date | None:
        plans = [p.plan_started for p in InstalledPacks(self._db).installed() if p.plan_started]
        return max(plans) if plans else first_record_day(self._db)

    def last_answered(self) -> datetime | None:
        row = self._db.connection.execute(
            "SELECT c.at, c.at_offset FROM checkin_values v JOIN checkins c ON c.id = v.checkin_id "
            f"WHERE {NOT_BUILT_IN} AND v.measure = ? ORDER BY c.at DESC, c.id DESC LIMIT 1",
            (GLOBAL_CHANGE,),
        ).fetchone()
        return None if row is None else from_columns(row[0], row[1])

    def due_week(self) -> int | None:
        """The plan week (4, 8, 12 or 20) whose question is due now, or None."""
        last = self.last_answered()
        return due_milestone(
            self.began(), self._now().date(), None if last is None else last.date()
        )

    def save(self, value: int) -> int:
        """Store one answer (1 very much improved … 7 very much worse); returns its check-in id."""
        return Checkins(self._db, self._now).save_checkin("standalone", {GLOBAL_CHANGE: value})
