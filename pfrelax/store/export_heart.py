"""The heart rows in an export: each run's figures, and the pace finder's results with each pace.

CSV: `heart.csv` (one row per run with figures) and `resonance.csv` (one row per pace of a
finder result; the result's own columns repeat on each of its rows). JSON: the lists "heart"
and "resonance", each result with its "votes" and "paces". Empty cells and nulls are figures
there were too few beats to say.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

from pfrelax.store.timecodec import iso_from_columns

ExportRecord = dict[str, object]

# core.heart.resonance.CRITERIA, spelt here: the store is imported at start-up and the finder's
# module brings numpy with it (tested equal).
CRITERIA = ("peak_to_trough", "lf_power", "phase")

HEART_CSV = "heart.csv"
FIGURE_KEYS = (
    "beats",
    "corrected_beats",
    "mean_hr_bpm",
    "rmssd_ms",
    "peak_to_trough_bpm",
    "lf_power_ms2",
)
HEART_COLUMNS = ("run_id", *FIGURE_KEYS)
RESONANCE_CSV = "resonance.csv"
RESULT_KEYS = ("result_id", "time", "run_id", "chosen_bpm", "votes", "corrected_beats", "paces")
PACE_KEYS = ("bpm", "peak_to_trough", "lf_power", "phase_deg", "beats", "corrected_beats")
VOTE_COLUMNS = tuple(f"vote_{criterion}" for criterion in CRITERIA)
# A pace's own beats columns are prefixed: the result has a corrected_beats of its own.
PACE_COLUMNS = ("pace_bpm", "peak_to_trough", "lf_power", "phase_deg", "pace_beats",
                "pace_corrected_beats")  # fmt: skip
RESONANCE_COLUMNS = (
    "result_id",
    "time",
    "run_id",
    "chosen_bpm",
    *VOTE_COLUMNS,
    "corrected_beats",
    *PACE_COLUMNS,
)

# Only runs whose start is a date are exported; their figures with them, no others.
_HEART_QUERY = (
    "SELECT h.run_id, r.started, r.started_offset, h.beats, h.corrected_beats, h.mean_hr_bpm, "
    "h.rmssd_ms, h.peak_to_trough_bpm, h.lf_power_ms2 FROM run_heart_figures h "
    "JOIN runs r ON r.id = h.run_id ORDER BY r.started, r.id"
)
_RESULTS_QUERY = (
    "SELECT id, at, at_offset, run_id, chosen_bpm, vote_peak_to_trough, vote_lf_power, "
    "vote_phase, corrected_beats FROM resonance_results ORDER BY at, id"
)
_PACES_QUERY = (
    "SELECT bpm, peak_to_trough, lf_power, phase_deg, beats, corrected_beats "
    "FROM resonance_epochs WHERE result_id = ? ORDER BY position"
)


def heart_records(con: sqlite3.Connection) -> Iterator[ExportRecord]:
    for run_id, started, offset, *figures in con.execute(_HEART_QUERY):
        if iso_from_columns(started, offset) is not None:
            yield {"run_id": run_id, **dict(zip(FIGURE_KEYS, figures, strict=True))}


def resonance_records(con: sqlite3.Connection) -> Iterator[ExportRecord]:
    """Each finder result with its paces; one whose stored time is not a date is left out."""
    for head, paces in _results(con):
        result_id, time, run_id, chosen, *votes, corrected = head
        yield {
            "result_id": result_id,
            "time": time,
            "run_id": run_id,
            "chosen_bpm": chosen,
            "votes": dict(zip(CRITERIA, votes, strict=True)),
            "corrected_beats": corrected,
            "paces": [dict(zip(PACE_KEYS, pace, strict=True)) for pace in paces],
        }


def _results(con: sqlite3.Connection) -> Iterator[tuple[list[object], list[tuple[object, ...]]]]:
    """(the result's columns with its time as ISO text, its paces' rows), oldest first."""
    for result_id, at, offset, *rest in con.execute(_RESULTS_QUERY):
        time = iso_from_columns(at, offset)
        if time is not None:
            paces = con.execute(_PACES_QUERY, (result_id,)).fetchall()
            yield [result_id, time, *rest], paces


def write_heart_csv(
    out: TextIO, con: sqlite3.Connection, line: Callable[[Sequence[object]], str]
) -> int:
    """heart.csv through `line` (the export's CSV record writer); returns the runs written."""
    out.write(line(HEART_COLUMNS))
    written = 0
    for record in heart_records(con):
        out.write(line([_cell(record[column]) for column in HEART_COLUMNS]))
        written += 1
    return written


def write_resonance_csv(
    out: TextIO, con: sqlite3.Connection, line: Callable[[Sequence[object]], str]
) -> int:
    """resonance.csv through `line`; returns the finder results written."""
    out.write(line(RESONANCE_COLUMNS))
    written = 0
    for head, paces in _results(con):
        for pace in paces:
            out.write(line([_cell(value) for value in (*head, *pace)]))
        written += 1
    return written


def _cell(value: object) -> object:
    return "" if value is None else value
