"""Where the Today page's facts come from: installed packs' plans and session runs in the store.

The page takes anything with the same three methods, so a test can hand it plans and runs
directly; the command line reads the same plans (`take-along`) and adherence (`report`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

from pfrelax.core.adherence import adherence_rows
from pfrelax.core.progress import AdherenceProvider, AdherenceRow
from pfrelax.core.session import Session
from pfrelax.core.today import PackPlan, PlanSession, Practice, day_start, local_day
from pfrelax.services.catalog import length_ms
from pfrelax.services.packs import installed_contents
from pfrelax.store.db import Database
from pfrelax.store.models import InstalledPack
from pfrelax.store.packs import InstalledPacks
from pfrelax.store.runs import Runs


class TodaySource(Protocol):
    def plans(self) -> list[PackPlan]: ...

    def practice(self, start: datetime, end: datetime) -> list[Practice]: ...

    def start_plan(self, pack_id: str, day: date) -> None: ...


class StoreTodaySource:
    """Plans from each installed pack's manifest and sessions; practice from the runs table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def plans(self) -> list[PackPlan]:
        found = []
        for installed in InstalledPacks(self._db).installed():
            plan = read_plan(installed)
            if plan is not None:
                found.append(plan)
        return found

    def practice(self, start: datetime, end: datetime) -> list[Practice]:
        """Runs that started in [start, end) and belong to a pack."""
        return [
            Practice(run.pack_id, run.session_id, run.started, run.seconds, run.completed)
            for run in Runs(self._db).runs_between(start, end)
            if run.pack_id is not None
        ]

    def start_plan(self, pack_id: str, day: date) -> None:
        InstalledPacks(self._db).set_plan_started(pack_id, day)


def read_plan(installed: InstalledPack) -> PackPlan | None:
    """The installed pack's plan, or None when its manifest can no longer be read."""
    contents = installed_contents(installed)
    manifest = contents.manifest
    if manifest is None:
        return None
    sessions = tuple(_plan_session(s) for s in contents.sessions)
    return PackPlan(
        pack_id=installed.pack_id,
        title=manifest.title or installed.title,
        author=manifest.author,
        message=manifest.message,
        entries=manifest.plan,
        sessions=sessions,
        started=installed.plan_started,
    )


def _plan_session(session: Session) -> PlanSession:
    return PlanSession(session.id, session.title, session.address, length_ms(session))


def plan_adherence(
    db: Database, zone: tzinfo | None = None, now: Callable[[], datetime] | None = None
) -> AdherenceProvider:
    """The PT report's adherence rows for every started plan, read from the store; days count
    up to today, the patient's local date by `now` (injected in tests) in `zone`."""
    source = StoreTodaySource(db)
    here = zone or datetime.now().astimezone().tzinfo or UTC
    clock = now or (lambda: datetime.now(UTC))

    def provider(first: date, last: date) -> list[AdherenceRow]:
        today = local_day(clock(), here)
        start = day_start(first, here)
        end = day_start(last + timedelta(days=1), here)
        plans, practice = source.plans(), source.practice(start, end)
        return adherence_rows(plans, practice, first, last, here, today=today)

    return provider


def pack_checkin_measures(db: Database, pack_id: str) -> tuple[str, ...] | None:
    """The measures an installed pack's `[checkin]` asks around its sessions, if it can be read."""
    installed = InstalledPacks(db).get(pack_id)
    if installed is None:
        return None
    manifest = installed_contents(installed).manifest
    return None if manifest is None else manifest.checkin_measures
