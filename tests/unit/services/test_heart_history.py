"""The heart history service: a run's figures and a finder result kept, and read back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import CRITERIA, EpochScore, FinderResult
from pfrelax.services.heart_history import HeartHistory
from pfrelax.store.db import open_database
from pfrelax.store.runs import Runs

AT = datetime(2026, 11, 23, 8, 30, tzinfo=timezone(timedelta(hours=1)))
FIGURES = RunFigures(600, 2, 66.0, 38.5, 8.25, 1200.0)


def test_a_runs_figures_and_a_finder_result_are_kept(tmp_path: Path) -> None:
    with open_database(tmp_path / "pfrelax.sqlite3") as db:
        run_id = Runs(db, lambda: AT).start_run("resonance-finder", "Find your pace")
        history = HeartHistory(db, now=lambda: AT)
        history.record_run_figures(run_id, FIGURES)
        epochs = tuple(EpochScore(bpm, 5.0, 800.0, 20.0, 25, 0) for bpm in (6.5, 6.0))
        result_id = history.record_finder_result(
            FinderResult(epochs, dict.fromkeys(CRITERIA), None, 0),
            run_id,
        )
        assert history.run_figures(run_id) == FIGURES
        (heart,) = history.figures_between(AT, AT + timedelta(seconds=1))
        assert (heart.run_id, heart.session_title, heart.figures) == (
            run_id,
            "Find your pace",
            FIGURES,
        )
        assert history.all_figures() == [heart]
        latest = history.latest_finder_result()
        assert latest is not None
        assert (latest.id, latest.time, latest.result.epochs) == (result_id, AT, epochs)
        assert history.finder_results() == [latest]
        assert history.finder_result(result_id) == latest
        assert history.figures_between(datetime(2000, 1, 1, tzinfo=UTC), AT) == []
