"""Heart history as a use case: each run's figures and the pace finder's results, saved and read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import FinderResult
from pfrelax.core.heart_report import HeartReport, heart_report
from pfrelax.core.heart_view import RunHeart
from pfrelax.store.db import Database
from pfrelax.store.heart import HeartRecords, SavedFinderResult
from pfrelax.store.timecodec import Clock, local_now

__all__ = ["HeartHistory", "RunHeart", "SavedFinderResult"]


class HeartHistory:
    """One owner of the heart rows: the run end, Progress, the report and the finder go through
    it. Every write is one transaction; a write the store refuses raises StoreError."""

    def __init__(self, db: Database, now: Clock = local_now) -> None:
        self._records = HeartRecords(db, now)

    def record_run_figures(self, run_id: int, figures: RunFigures) -> None:
        """Keep the figures of run `run_id` (replacing any it had).

        ValueError when the run is not in the history or a figure is out of bounds.
        """
        self._records.save_run_figures(run_id, figures)

    def has_figures(self) -> bool:
        """Whether any run has heart figures (Progress offers its chart only then)."""
        return self._records.has_figures()

    def run_figures(self, run_id: int) -> RunFigures | None:
        return self._records.run_figures(run_id)

    def figures_between(self, start: datetime, end: datetime) -> list[RunHeart]:
        """Figures of the runs started in [start, end), oldest first."""
        return self._records.between(start, end)

    def all_figures(self) -> list[RunHeart]:
        return self._records.all()

    def record_finder_result(self, result: FinderResult, run_id: int | None = None) -> int:
        """Keep one pace finder result (now); returns its id."""
        return self._records.save_finder_result(result, run_id)

    def finder_results(self) -> list[SavedFinderResult]:
        """Every pace finder result, oldest first."""
        return self._records.finder_results()

    def finder_result(self, result_id: int) -> SavedFinderResult | None:
        return self._records.finder_result(result_id)

    def latest_finder_result(self) -> SavedFinderResult | None:
        return self._records.latest_finder_result()


def report_section(db: Database, first: date, last: date) -> HeartReport:
    """The PT report's heart section for local days `first`..`last` (empty: no heart rows)."""
    # Widened by a day each side: local days and UTC differ by at most 14 hours.
    start = datetime.combine(first - timedelta(days=1), datetime.min.time(), UTC)
    end = datetime.combine(last + timedelta(days=2), datetime.min.time(), UTC)
    history = HeartHistory(db)
    results = [(saved.time, saved.result) for saved in history.finder_results()]
    return heart_report(history.figures_between(start, end), results, first, last)
