"""Asking check-ins: which measures (the preferences'), saving the answers, the weekly question."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pfrelax.core.checkin import (
    DEFAULT_MEASURES,
    WEEKLY_MEASURE,
    Asked,
    Measure,
    weekly_question_due,
)
from pfrelax.core.session import Session
from pfrelax.services.global_change import GlobalChange
from pfrelax.services.own_questions import session_questions, weekly_questions
from pfrelax.services.today import pack_checkin_measures
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database
from pfrelax.store.progress_queries import last_checkin_time, run_checkin_values
from pfrelax.store.timecodec import Clock, local_now

# Saves a check-in's (values, note); returns its id, or raises StoreError and saves nothing.
SaveCheckin = Callable[[Mapping[str, int | None], str], int]
# The measures a check-in around a session asks, as the preferences say right now.
MeasuresSource = Callable[[], tuple[Measure, ...]]


class CheckinService:
    """One history database and one source of measures, for every check-in the app asks."""

    def __init__(self, db: Database, measures: MeasuresSource, now: Clock = local_now) -> None:
        self._db = db
        self._measures = measures
        self._now = now  # when a check-in is saved: the same clock the caller shows dates by

    def measures(self) -> tuple[Measure, ...]:
        return self._measures()

    def saver(self, moment: str, run_id: int | None = None) -> SaveCheckin:
        """What the dialog calls to save a `moment` check-in (of run `run_id`)."""
        checkins = Checkins(self._db, now=self._now)

        def save(values: Mapping[str, int | None], note: str) -> int:
            return checkins.save_checkin(moment, values, note, run_id=run_id)

        return save

    def session_measures(self, session: Session) -> tuple[Asked, ...] | None:
        """A pack session asks what its pack names (with the PT's own questions last), plus
        what the person chose to track; None for a built-in session (the configured measures)."""
        if session.pack_id is None:
            return None
        named = pack_checkin_measures(self._db, session.pack_id)
        if named is None:
            return None
        chosen = {m.value for m in self.measures()} - {m.value for m in DEFAULT_MEASURES}
        wanted = set(named) | chosen
        built_in = tuple(m for m in Measure if m.value in wanted and m is not WEEKLY_MEASURE)
        return built_in + session_questions(self._db, session.pack_id)

    def before_values(self, run_id: int) -> dict[str, int | None]:
        """The ratings of run `run_id`'s before check-in ({} when it had none)."""
        return run_checkin_values(self._db, run_id, "before")

    def weekly_asked(self) -> tuple[Asked, ...]:
        """The weekly question, and the weekly questions of the PT's packs after it."""
        return (WEEKLY_MEASURE, *weekly_questions(self._db))

    def global_change(self) -> GlobalChange:
        """The global-change question (plan weeks 4, 8, 12 and 20), on this history and clock."""
        return GlobalChange(self._db, self._now)

    def weekly_due(self) -> bool:
        return weekly_question_due(last_checkin_time(self._db, "weekly"), self._now())


def checkins_on(
    history: Callable[[], Database | None], measures: MeasuresSource
) -> Callable[[], CheckinService | None]:
    """Check-ins on whatever `history` gives when asked (None: it cannot be written now)."""

    def service() -> CheckinService | None:
        db = history()
        return None if db is None else CheckinService(db, measures)

    return service
