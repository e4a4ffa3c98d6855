"""Import an export: check every row first, then add what is new, all in one transaction.

Files are streamed into temporary tables (import_stage) and merged from there, so memory stays
flat at any size; a problem anywhere rolls everything back and nothing is imported.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pfrelax.core.data_words import KindCounts
from pfrelax.store.errors import DataFileError
from pfrelax.store.fields import Problems, TimeRange
from pfrelax.store.import_heart import HeartStaging
from pfrelax.store.import_heart_read import csv_heart, csv_results
from pfrelax.store.import_json import stage_json
from pfrelax.store.import_merge import merge_checkins, merge_runs
from pfrelax.store.import_practice import PracticeStaging, csv_practice
from pfrelax.store.import_read import csv_ratings, csv_runs
from pfrelax.store.import_stage import Staging, drop
from pfrelax.store.timecodec import Clock, local_now

if TYPE_CHECKING:
    from pfrelax.store.db import Database


@dataclass(frozen=True, slots=True)
class ImportSummary:
    runs_added: int
    runs_already_there: int
    checkins_added: int
    checkins_already_there: int
    practice_logs_added: int = 0
    practice_logs_already_there: int = 0
    heart_figures_added: int = 0  # runs whose heart figures were added
    finder_results_added: int = 0
    heart_figures_already_there: int = 0
    finder_results_already_there: int = 0

    def kinds(self) -> KindCounts:
        """What was added, as the import's message counts it."""
        return KindCounts(
            self.checkins_added,
            self.runs_added,
            self.practice_logs_added,
            self.heart_figures_added,
            self.finder_results_added,
        )

    @property
    def already_there(self) -> int:
        """Records of every kind skipped because the history had them."""
        return (
            self.runs_already_there
            + self.checkins_already_there
            + self.practice_logs_already_there
            + self.heart_figures_already_there
            + self.finder_results_already_there
        )


def import_csv(db: Database, folder: Path, now: Clock = local_now) -> ImportSummary:
    """Import `runs.csv`, `checkins.csv` and (if there) `dilator.csv`, `heart.csv` and
    `resonance.csv` from `folder`: all of it, or (on DataFileError) none.

    Times must lie between 1970 and a day after `now()`.
    """
    problems = Problems()
    times = TimeRange.until_tomorrow(now)
    with db.transaction() as con:
        staging = Staging(con, problems, one_id_per_checkin=True)
        for run in csv_runs(folder, problems, times):
            staging.add_run(run)
        staging.add_ratings(csv_ratings(folder, problems, times))
        staging.finish()
        practice = PracticeStaging(con, problems)
        for entry in csv_practice(folder, problems, times):
            practice.add(entry)
        heart = HeartStaging(con, problems)
        for figures in csv_heart(folder, problems):
            heart.add(figures)
        for result in csv_results(folder, problems, times):
            heart.add_result(result)
        return _finish(con, staging, (practice, heart), problems)


def import_json(db: Database, file: Path, now: Clock = local_now) -> ImportSummary:
    """Import a JSON export: all of it, or (on DataFileError) none."""
    problems = Problems()
    times = TimeRange.until_tomorrow(now)
    with db.transaction() as con:
        staging = Staging(con, problems, one_id_per_checkin=False)
        practice = PracticeStaging(con, problems)
        heart = HeartStaging(con, problems)
        stage_json(file, staging, (practice, heart), times)
        staging.finish()
        staging.check_run_refs()
        return _finish(con, staging, (practice, heart), problems)


def _finish(
    con: sqlite3.Connection,
    staging: Staging,
    extras: tuple[PracticeStaging, HeartStaging],
    problems: Problems,
) -> ImportSummary:
    """Merge what was staged, or raise DataFileError (rolling the transaction back)."""
    if problems:
        raise DataFileError(problems.as_list())
    practice, heart = extras
    runs_added = merge_runs(con, staging.runs)
    practice.check_run_refs()
    heart.check_run_refs()
    checkins_added = merge_checkins(con, problems)
    if problems:
        raise DataFileError(problems.as_list())
    logs_added = practice.merge()
    figures_added, results_added = heart.merge()
    drop(con)
    return ImportSummary(
        runs_added,
        staging.runs - runs_added,
        checkins_added,
        staging.checkins - checkins_added,
        logs_added,
        practice.count - logs_added,
        figures_added,
        results_added,
        heart.figures - figures_added,
        len(heart.results) - results_added,
    )
