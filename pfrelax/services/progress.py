"""The Progress page's figures: whether there is a history, the chart of one measure, the extras."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from pfrelax.core.checkin import Measure, weekly_question_due
from pfrelax.core.extra_view import ExtraView, global_change_view, practice_view, question_view
from pfrelax.core.heart_view import HEART_LABEL, HeartView, heart_view
from pfrelax.core.own_questions import GLOBAL_CHANGE, fallback_label
from pfrelax.core.progress import Span
from pfrelax.core.progress_view import (
    DETAIL_LIMIT,
    PAIN_MEASURES,
    ChartView,
    build_view,
    build_weekly_view,
)
from pfrelax.services.checkins import CheckinService, MeasuresSource
from pfrelax.services.global_change import GlobalChange
from pfrelax.services.heart_history import HeartHistory
from pfrelax.services.history_data import HistoryData
from pfrelax.services.my_sessions import MySessions
from pfrelax.services.pace_finder import PaceFinder
from pfrelax.store.db import Database
from pfrelax.store.dilator import DilatorLogs
from pfrelax.store.own_questions import (
    OwnQuestions,
    rated_extra_measures,
    rated_own_ids,
    rated_series,
)
from pfrelax.store.progress_queries import (
    OTHER_MOMENTS,
    count_session_ratings,
    data_counts,
    first_week_mean,
    has_history,
    last_checkin_time,
    load_ratings,
    load_runs,
    run_title,
    weekly_summary,
)
from pfrelax.store.timecodec import Clock, local_now

PRACTICE = "extra:practice"
HEART = "extra:heart"
GLOBAL = f"extra:{GLOBAL_CHANGE}"
OWN = "extra:own:"
PRACTICE_LABEL = "Practice log"
GLOBAL_LABEL = "Global change"
_LABEL_CHARS = 40


def is_extra(data: object) -> bool:
    """Whether a measure choice is one of the extras (practice log, global change, own)."""
    return isinstance(data, str) and data.startswith("extra:")


class ProgressData:
    """One history read for the Progress page, on the clock its dates are shown by."""

    def __init__(
        self,
        db: Database,
        now: Clock = local_now,
        size_names: Callable[[], tuple[str, ...]] = tuple,
    ) -> None:
        self._db = db
        self._now = now
        self._size_names = size_names  # the person's dilator size names, for the practice chart

    def has_history(self) -> bool:
        return has_history(self._db)

    def weekly_due(self) -> bool:
        return weekly_question_due(last_checkin_time(self._db, "weekly"), self._now())

    def global_change_due(self) -> bool:
        """Whether the global change question (plan weeks 4, 8, 12, 20) is waiting: it is asked
        after the next session's after check-in (after the weekly question, if that is due)."""
        return GlobalChange(self._db, self._now).due_week() is not None

    def today(self) -> date:
        """Today's local date by this clock (the report's last day)."""
        return self._now().date()

    def now_local(self) -> int:
        """Now, in local seconds since the epoch (the charts' x axis)."""
        now = self._now()
        offset = now.utcoffset()
        return int(now.timestamp()) + (int(offset.total_seconds()) if offset else 0)

    def fitting_span(self) -> Span:
        """Two weeks while everything recorded is that recent (a new person's first points
        would sit squashed at the right edge of three months), else three months."""
        since = Span.TWO_WEEKS.start(self.now_local())
        counts = data_counts(self._db)
        recent_runs = len(load_runs(self._db, since, titles=False))
        recent_checkins = len(set(load_ratings(self._db, None, since).checkin_id.tolist()))
        if recent_runs >= counts.runs and recent_checkins >= counts.checkins:
            return Span.TWO_WEEKS
        return Span.THREE_MONTHS

    def chart_view(self, measure: Measure, span: Span, now_local: int) -> ChartView:
        """`measure` over `span`: only that measure and range are read, so a short range of a
        long history stays quick."""
        db = self._db
        since = span.start(now_local)
        baseline = first_week_mean(db, measure) if measure in PAIN_MEASURES else None
        if count_session_ratings(db, measure, since) > DETAIL_LIMIT:
            # Years of ratings: let SQLite reduce them to weeks rather than read every row.
            figures = weekly_summary(db, measure, since)
            other = load_ratings(db, [measure], since, moments=OTHER_MOMENTS)
            return build_weekly_view(figures, other, measure, span, now_local, baseline)
        ratings = load_ratings(db, [measure], since)
        runs = load_runs(db, since, titles=False)
        return build_view(ratings, runs, measure, span, now_local, baseline)

    def run_title(self, run_id: int) -> str:
        return run_title(self._db, run_id)

    def extra_items(self) -> list[tuple[str, str]]:
        """(label, data) for each extra with at least one record, in a fixed order."""
        db = self._db
        items: list[tuple[str, str]] = []
        if db.connection.execute("SELECT 1 FROM dilator_logs LIMIT 1").fetchone():
            items.append((PRACTICE_LABEL, PRACTICE))
        if GLOBAL_CHANGE in rated_extra_measures(db):
            items.append((GLOBAL_LABEL, GLOBAL))
        known = OwnQuestions(db).known()
        for own_id in rated_own_ids(db):
            label = known[own_id].question if own_id in known else fallback_label(own_id)
            short = label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1] + "…"
            items.append((short, OWN + own_id))
        if HeartHistory(db).has_figures():
            items.append((HEART_LABEL, HEART))
        return items

    def extra_view(self, data: str, since_local: int | None) -> ExtraView | HeartView:
        """The practice log, global change, a PT's own question or the heart figures from
        `since_local` on."""
        db = self._db
        since = datetime(1970, 1, 2, tzinfo=UTC) if since_local is None else _utc(since_local)
        if data == PRACTICE:
            logs = DilatorLogs(db).between(since, datetime(9999, 1, 1, tzinfo=UTC))
            return practice_view(logs, self._size_names())
        if data == HEART:
            history = HeartHistory(db)
            last = history.latest_finder_result()
            pace = None if last is None else (last.time, last.result.chosen)
            return heart_view(
                history.figures_between(since, datetime(9999, 1, 1, tzinfo=UTC)), pace
            )
        measure = GLOBAL_CHANGE if data == GLOBAL else data.removeprefix(OWN)
        xs, values = rated_series(db, measure, since_local)
        if data == GLOBAL:
            return global_change_view(xs, values)
        known = OwnQuestions(db).known()
        label = known[measure].question if measure in known else fallback_label(measure)
        return question_view(label, xs, values)


def _utc(local_seconds: int) -> datetime:
    # Widened by a day: local and UTC differ by at most 14 hours; the chart's range trims.
    return datetime.fromtimestamp(max(local_seconds - 86400, 86400), UTC)


@dataclass(frozen=True, slots=True)
class ProgressServices:
    """What the Progress page shows and does, on one history and one clock."""

    figures: ProgressData
    checkins: CheckinService
    history: HistoryData
    pace: PaceFinder | None = None  # the pace finder's kept results (None: no My sessions)


def progress_services(
    db: Database,
    *,
    measures: MeasuresSource,
    now: Clock = local_now,
    size_names: Callable[[], tuple[str, ...]] = tuple,
    my_sessions_folder: Path | None = None,
) -> ProgressServices:
    """The page's services; with `my_sessions_folder`, past pace finder results can be
    reopened and "your pace" made into a session there."""
    pace = (
        None if my_sessions_folder is None else PaceFinder(db, MySessions(my_sessions_folder), now)
    )
    return ProgressServices(
        ProgressData(db, now, size_names),
        CheckinService(db, measures, now),
        HistoryData(db),
        pace,
    )
