"""Importing the heart rows: staged until the runs are merged, then added once.

A run's figures are added when that run has none yet; a finder result when none is stored at the
same time. So importing the same export twice adds nothing, and figures a run already has stay.
"""

from __future__ import annotations

import sqlite3

from pfrelax.store.fields import Problems
from pfrelax.store.import_heart_read import HeartIn, ResultIn
from pfrelax.store.timecodec import to_columns

_TABLE = """
CREATE TEMP TABLE import_heart (
    seq INTEGER PRIMARY KEY,
    prefix TEXT NOT NULL,
    run_ref INTEGER NOT NULL,
    beats INTEGER NOT NULL,
    corrected_beats INTEGER NOT NULL,
    mean_hr_bpm REAL,
    rmssd_ms REAL,
    peak_to_trough_bpm REAL,
    lf_power_ms2 REAL
)
"""

# Rows naming no run of the file, or a run an earlier row already gave figures.
_WRONG_RUNS = """
SELECT s.prefix, s.run_ref, i.file_id IS NOT NULL FROM import_heart s
LEFT JOIN import_run_ids i ON i.file_id = s.run_ref
WHERE i.file_id IS NULL
    OR EXISTS (SELECT 1 FROM import_heart t WHERE t.run_ref = s.run_ref AND t.seq < s.seq)
ORDER BY s.seq
"""

# "WHERE true": SQLite needs it to read ON CONFLICT after INSERT … SELECT as the upsert clause.
_MERGE = """
INSERT INTO run_heart_figures (run_id, beats, corrected_beats, mean_hr_bpm, rmssd_ms,
    peak_to_trough_bpm, lf_power_ms2)
SELECT (SELECT db_id FROM import_run_ids WHERE file_id = s.run_ref), s.beats, s.corrected_beats,
    s.mean_hr_bpm, s.rmssd_ms, s.peak_to_trough_bpm, s.lf_power_ms2
FROM import_heart s WHERE true ORDER BY s.seq
ON CONFLICT (run_id) DO NOTHING
"""


class HeartStaging:
    """Holds the imported heart rows in the caller's transaction until they are merged."""

    def __init__(self, con: sqlite3.Connection, problems: Problems) -> None:
        self.con = con
        self.problems = problems
        self.figures = 0
        self.results: list[ResultIn] = []  # a few a year: a list is enough
        con.execute("DROP TABLE IF EXISTS temp.import_heart")
        con.execute(_TABLE)
        con.execute("CREATE INDEX temp.import_heart_by_run ON import_heart (run_ref)")

    def add(self, heart: HeartIn) -> None:
        self.figures += 1
        f = heart.figures
        self.con.execute(
            "INSERT INTO import_heart VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.figures,
                heart.prefix,
                heart.run_ref,
                f.beats,
                f.corrected_beats,
                f.mean_hr_bpm,
                f.rmssd_ms,
                f.peak_to_trough_bpm,
                f.lf_power_ms2,
            ),
        )

    def add_result(self, result: ResultIn) -> None:
        self.results.append(result)

    def check_run_refs(self) -> None:
        """After the runs are merged: each row names one of the file's runs, and a run's figures
        come once."""
        for prefix, run_ref, in_file in self.con.execute(_WRONG_RUNS):
            wrong = "has figures twice in this file" if in_file else "is not a run in this export"
            self.problems.append(f"{prefix}run_id: {run_ref!r} {wrong}")
        for result in self.results:
            if result.run_ref is not None and self._db_run(result.run_ref) is None:
                self.problems.append(
                    f"{result.prefix}run_id: {result.run_ref!r} is not a run in this export"
                )

    def merge(self) -> tuple[int, int]:
        """Add the new rows; (runs' figures added, finder results added)."""
        figures_added = self.con.execute(_MERGE).rowcount
        self.con.execute("DROP TABLE IF EXISTS temp.import_heart")
        if not self.results:
            return figures_added, 0
        from pfrelax.store.heart import insert_finder_result  # numpy: only with results to add

        results_added = 0
        for result in self.results:
            at, offset = to_columns(result.time)
            if self.con.execute("SELECT 1 FROM resonance_results WHERE at = ?", (at,)).fetchone():
                continue
            run_id = None if result.run_ref is None else self._db_run(result.run_ref)
            insert_finder_result(self.con, (None, run_id, at, offset), result.result)
            results_added += 1
        return figures_added, results_added

    def _db_run(self, run_ref: int) -> int | None:
        row = self.con.execute(
            "SELECT db_id FROM import_run_ids WHERE file_id = ?", (run_ref,)
        ).fetchone()
        return None if row is None else int(row[0])
