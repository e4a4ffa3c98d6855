"""Heart rows: each run's heart figures, and the pace finder's results with each pace's scores."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import CRITERIA, EpochScore, FinderResult
from pfrelax.core.heart_view import RunHeart
from pfrelax.store.timecodec import Clock, from_columns, local_now, require_aware, to_columns

if TYPE_CHECKING:
    from pfrelax.store.db import Database

_FIGURE_COLUMNS = "beats, corrected_beats, mean_hr_bpm, rmssd_ms, peak_to_trough_bpm, lf_power_ms2"
_RESULT_COLUMNS = (
    "id, run_id, at, at_offset, chosen_bpm, vote_peak_to_trough, vote_lf_power, vote_phase, "
    "corrected_beats"
)
_EPOCH_COLUMNS = "bpm, peak_to_trough, lf_power, phase_deg, beats, corrected_beats"


@dataclass(frozen=True, slots=True)
class SavedFinderResult:
    """A pace finder result as stored: when, the run it came from (if kept), and the result."""

    id: int
    time: datetime
    run_id: int | None
    result: FinderResult


class HeartRecords:
    """Writes and reads heart rows. `now` is injected so tests control the clock."""

    def __init__(self, db: Database, now: Clock = local_now) -> None:
        self._db = db
        self._now = now

    def save_run_figures(self, run_id: int, figures: RunFigures) -> None:
        """Store (or replace) the figures of run `run_id`, in one transaction.

        ValueError when the run is not in the history or a figure is out of bounds.
        """
        check_figures(figures)
        try:
            with self._db.transaction() as con:
                upsert_run_figures(con, run_id, figures)
        except sqlite3.IntegrityError as error:  # the figures were checked: only the run can fail
            raise ValueError(f"run_id: {run_id!r} is not a session run in the history") from error

    def has_figures(self) -> bool:
        return bool(
            self._db.connection.execute("SELECT 1 FROM run_heart_figures LIMIT 1").fetchone()
        )

    def run_figures(self, run_id: int) -> RunFigures | None:
        row = self._db.connection.execute(
            f"SELECT {_FIGURE_COLUMNS} FROM run_heart_figures WHERE run_id = ?", (run_id,)
        ).fetchone()
        return None if row is None else figures_from_row(row)

    def between(self, start: datetime, end: datetime) -> list[RunHeart]:
        """Figures of runs started in [start, end), oldest first."""
        rows = self._db.connection.execute(
            "SELECT r.id, r.started, r.started_offset, r.session_title, "
            f"{_prefixed('h.', _FIGURE_COLUMNS)} FROM run_heart_figures h "
            "JOIN runs r ON r.id = h.run_id WHERE r.started >= ? AND r.started < ? "
            "ORDER BY r.started, r.id",
            (_utc(start, "start"), _utc(end, "end")),
        ).fetchall()
        return [_run_heart(row) for row in rows]

    def all(self) -> list[RunHeart]:
        rows = self._db.connection.execute(
            "SELECT r.id, r.started, r.started_offset, r.session_title, "
            f"{_prefixed('h.', _FIGURE_COLUMNS)} FROM run_heart_figures h "
            "JOIN runs r ON r.id = h.run_id ORDER BY r.started, r.id"
        ).fetchall()
        return [_run_heart(row) for row in rows]

    def save_finder_result(
        self, result: FinderResult, run_id: int | None = None, time: datetime | None = None
    ) -> int:
        """Store one finder result and its paces' scores in one transaction; returns its id."""
        if not result.epochs:
            raise ValueError("a pace finder result has the scores of at least one pace")
        at, offset = to_columns(self._now() if time is None else require_aware(time, "time"))
        try:
            with self._db.transaction() as con:
                return insert_finder_result(con, (None, run_id, at, offset), result)
        except sqlite3.IntegrityError as error:
            raise ValueError(f"a pace finder result that cannot be stored: {error}") from error

    def finder_results(self) -> list[SavedFinderResult]:
        """Every stored finder result, oldest first."""
        con = self._db.connection
        rows = con.execute(
            f"SELECT {_RESULT_COLUMNS} FROM resonance_results ORDER BY at, id"
        ).fetchall()
        return [finder_result_from_row(con, row) for row in rows]

    def finder_result(self, result_id: int) -> SavedFinderResult | None:
        con = self._db.connection
        row = con.execute(
            f"SELECT {_RESULT_COLUMNS} FROM resonance_results WHERE id = ?", (result_id,)
        ).fetchone()
        return None if row is None else finder_result_from_row(con, row)

    def latest_finder_result(self) -> SavedFinderResult | None:
        con = self._db.connection
        row = con.execute(
            f"SELECT {_RESULT_COLUMNS} FROM resonance_results ORDER BY at DESC, id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else finder_result_from_row(con, row)


def check_figures(figures: RunFigures) -> None:
    """ValueError naming the figure that cannot be stored."""
    if not 0 <= figures.corrected_beats <= figures.beats:
        raise ValueError(
            f"corrected_beats: {figures.corrected_beats} is not between 0 and beats "
            f"({figures.beats})"
        )
    for name in ("mean_hr_bpm", "rmssd_ms", "peak_to_trough_bpm", "lf_power_ms2"):
        value = getattr(figures, name)
        if value is not None and not (math.isfinite(value) and value >= 0):
            raise ValueError(f"{name}: {value!r} is not a finite number >= 0 (or None)")


def upsert_run_figures(con: sqlite3.Connection, run_id: int, figures: RunFigures) -> None:
    """Insert or replace one run's figures, in the caller's transaction."""
    con.execute(
        f"INSERT INTO run_heart_figures (run_id, {_FIGURE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (run_id) DO UPDATE SET beats = excluded.beats, "
        "corrected_beats = excluded.corrected_beats, mean_hr_bpm = excluded.mean_hr_bpm, "
        "rmssd_ms = excluded.rmssd_ms, peak_to_trough_bpm = excluded.peak_to_trough_bpm, "
        "lf_power_ms2 = excluded.lf_power_ms2",
        (
            run_id,
            figures.beats,
            figures.corrected_beats,
            figures.mean_hr_bpm,
            figures.rmssd_ms,
            figures.peak_to_trough_bpm,
            figures.lf_power_ms2,
        ),
    )


def figures_from_row(row: tuple[object, ...]) -> RunFigures:
    beats, corrected, mean_hr, rmssd, swing, lf = row
    return RunFigures(
        beats=cast(int, beats),
        corrected_beats=cast(int, corrected),
        mean_hr_bpm=cast("float | None", mean_hr),
        rmssd_ms=cast("float | None", rmssd),
        peak_to_trough_bpm=cast("float | None", swing),
        lf_power_ms2=cast("float | None", lf),
    )


def insert_finder_result(
    con: sqlite3.Connection, key: tuple[int | None, int | None, int, int], result: FinderResult
) -> int:
    """Insert (id, run_id, at, at_offset), the result and its paces, in the caller's transaction."""
    votes = tuple(result.votes.get(criterion) for criterion in CRITERIA)
    cursor = con.execute(
        f"INSERT INTO resonance_results ({_RESULT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*key, result.chosen, *votes, result.corrected_beats),
    )
    result_id = cursor.lastrowid
    assert result_id is not None  # an INSERT into a rowid table always sets it
    con.executemany(
        f"INSERT INTO resonance_epochs (result_id, position, {_EPOCH_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                result_id,
                position,
                epoch.bpm,
                _finite(epoch.peak_to_trough),
                _finite(epoch.lf_power),
                _finite(epoch.phase_deg),
                epoch.beats,
                epoch.corrected_beats,
            )
            for position, epoch in enumerate(result.epochs)
        ],
    )
    return result_id


def finder_result_from_row(con: sqlite3.Connection, row: tuple[object, ...]) -> SavedFinderResult:
    result_id, run_id, at, offset, chosen, *votes, corrected = row
    epochs = tuple(
        EpochScore(
            bpm=float(bpm),
            peak_to_trough=_nan_for_null(swing),
            lf_power=_nan_for_null(lf),
            phase_deg=_nan_for_null(phase),
            beats=int(beats),
            corrected_beats=int(epoch_corrected),
        )
        for bpm, swing, lf, phase, beats, epoch_corrected in con.execute(
            f"SELECT {_EPOCH_COLUMNS} FROM resonance_epochs WHERE result_id = ? ORDER BY position",
            (result_id,),
        )
    )
    result = FinderResult(
        epochs=epochs,
        votes={
            criterion: cast("float | None", vote)
            for criterion, vote in zip(CRITERIA, votes, strict=True)
        },
        chosen=cast("float | None", chosen),
        corrected_beats=cast(int, corrected),
    )
    return SavedFinderResult(
        cast(int, result_id),
        from_columns(cast(int, at), cast(int, offset)),
        cast("int | None", run_id),
        result,
    )


def _run_heart(row: tuple[object, ...]) -> RunHeart:
    run_id, started, offset, title = row[:4]
    return RunHeart(
        cast(int, run_id),
        from_columns(cast(int, started), cast(int, offset)),
        str(title),
        figures_from_row(row[4:]),
    )


def _prefixed(prefix: str, columns: str) -> str:
    return ", ".join(prefix + column.strip() for column in columns.split(","))


def _finite(value: float) -> float | None:
    """NaN (too few beats to score) is stored as NULL: SQLite has no NaN."""
    return value if math.isfinite(value) else None


def _nan_for_null(value: object) -> float:
    return math.nan if value is None else float(cast(float, value))


def _utc(moment: datetime, what: str) -> int:
    return to_columns(require_aware(moment, what))[0]
