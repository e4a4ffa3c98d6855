"""Heart figures and pace finder results in exports: written, read back, idempotent, checked."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import CRITERIA, EpochScore, FinderResult
from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import DataFileError
from pfrelax.store.export import EXPORT_VERSION, export_csv, export_json
from pfrelax.store.heart import HeartRecords
from pfrelax.store.importer import import_csv, import_json
from pfrelax.store.runs import Runs

if TYPE_CHECKING:
    from tests.unit.store.conftest import FakeClock

CSV_FILES = ("runs.csv", "checkins.csv", "dilator.csv", "heart.csv", "resonance.csv")
# Values with long binary fractions: a round trip must keep every bit.
FIGURES = RunFigures(612, 3, 68.41234567891234, 41.1, 9.000000000000002, 1830.5)
SHORT = RunFigures(1, 0, None, None, None, None)
PACES = (
    EpochScore(6.5, 6.25, 900.125, 35.5, 24, 1),
    EpochScore(6.0, 8.5, 1400.0, -3.25, 25, 0),
    EpochScore(5.5, math.nan, math.nan, math.nan, 4, 0),
)


HEART_HEADER = "run_id,beats,corrected_beats,mean_hr_bpm,rmssd_ms,peak_to_trough_bpm,lf_power_ms2"


def NOW() -> datetime:
    return datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def fill(db: Database, clock: FakeClock) -> tuple[int, int]:
    """Two runs with heart figures, one without, and two finder results (one unclear)."""
    runs, heart = Runs(db, clock), HeartRecords(db, clock)
    ids = []
    for title in ("Slow breathing", "Find your pace", "No strap"):
        run_id = runs.start_run(title.lower().replace(" ", "-"), title, length_seconds=600)
        clock.advance(minutes=10)
        runs.finish_run(run_id, 600, completed=True)
        ids.append(run_id)
        clock.advance(days=1)
    heart.save_run_figures(ids[0], FIGURES)
    heart.save_run_figures(ids[1], SHORT)
    votes: dict[str, float | None] = {"peak_to_trough": 6.0, "lf_power": None, "phase": 6.0}
    heart.save_finder_result(FinderResult(PACES, votes, 6.0, 1), ids[1])
    clock.advance(days=1)
    unclear: dict[str, float | None] = dict.fromkeys(CRITERIA)
    heart.save_finder_result(FinderResult(PACES[:2], unclear, None, 0))
    return ids[0], ids[1]


def snapshot(db: Database) -> tuple[object, ...]:
    """What the history holds of heart rows, NaN spelt so that equal means equal."""
    records = HeartRecords(db)
    # Not the session's title: runs.csv has none (the session id stands in for it).
    figures = [(h.started, h.figures) for h in records.all()]
    results = [
        (r.time, r.run_id is not None, r.result.votes, r.result.chosen, r.result.corrected_beats,
         [repr(pace) for pace in r.result.epochs])
        for r in records.finder_results()
    ]  # fmt: skip
    return figures, results


def test_csv_round_trip_keeps_every_figure_and_adds_nothing_the_second_time(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_csv(db, tmp_path / "first")
    first = tmp_path / "first"
    assert (first / "heart.csv").read_text("utf-8").splitlines() == [
        HEART_HEADER,
        f"1,612,3,{FIGURES.mean_hr_bpm!r},41.1,9.000000000000002,1830.5",
        "2,1,0,,,,",
    ]
    resonance = (first / "resonance.csv").read_text("utf-8").splitlines()
    assert resonance[0] == (
        "result_id,time,run_id,chosen_bpm,vote_peak_to_trough,vote_lf_power,vote_phase,"
        "corrected_beats,pace_bpm,peak_to_trough,lf_power,phase_deg,pace_beats,"
        "pace_corrected_beats"
    )
    assert resonance[1:4] == [
        "1,2026-11-26T09:00:00+01:00,2,6.0,6.0,,6.0,1,6.5,6.25,900.125,35.5,24,1",
        "1,2026-11-26T09:00:00+01:00,2,6.0,6.0,,6.0,1,6.0,8.5,1400.0,-3.25,25,0",
        "1,2026-11-26T09:00:00+01:00,2,6.0,6.0,,6.0,1,5.5,,,,4,0",
    ]
    assert len(resonance) == 6
    with open_database(tmp_path / "home" / "pfrelax.sqlite3") as other:
        summary = import_csv(other, first, now=NOW)
        again = import_csv(other, first, now=NOW)
        export_csv(other, tmp_path / "second")
        assert snapshot(other) == snapshot(db)
    assert (summary.heart_figures_added, summary.finder_results_added) == (2, 2)
    assert (again.heart_figures_added, again.finder_results_added) == (0, 0)
    for name in CSV_FILES:
        assert (tmp_path / "second" / name).read_bytes() == (first / name).read_bytes(), name


def test_json_round_trip_is_byte_identical_and_idempotent(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_json(db, tmp_path / "first.json")
    document = json.loads((tmp_path / "first.json").read_text("utf-8"))
    assert document["version"] == EXPORT_VERSION
    assert document["heart"][0] == {
        "run_id": 1,
        "beats": 612,
        "corrected_beats": 3,
        "mean_hr_bpm": FIGURES.mean_hr_bpm,
        "rmssd_ms": 41.1,
        "peak_to_trough_bpm": 9.000000000000002,
        "lf_power_ms2": 1830.5,
    }
    first_result = document["resonance"][0]
    assert first_result["votes"] == {"peak_to_trough": 6.0, "lf_power": None, "phase": 6.0}
    assert first_result["paces"][2] == {
        "bpm": 5.5,
        "peak_to_trough": None,
        "lf_power": None,
        "phase_deg": None,
        "beats": 4,
        "corrected_beats": 0,
    }
    with open_database(tmp_path / "home" / "pfrelax.sqlite3") as other:
        summary = import_json(other, tmp_path / "first.json", now=NOW)
        again = import_json(other, tmp_path / "first.json", now=NOW)
        export_json(other, tmp_path / "second.json")
        assert snapshot(other) == snapshot(db)
    assert (summary.heart_figures_added, summary.finder_results_added) == (2, 2)
    assert (again.heart_figures_added, again.finder_results_added) == (0, 0)
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()


def test_figures_a_run_already_has_stay(db: Database, clock: FakeClock, tmp_path: Path) -> None:
    first_run, _ = fill(db, clock)
    export_json(db, tmp_path / "export.json")
    mine = RunFigures(600, 0, 70.0, 30.0, 5.0, 900.0)
    HeartRecords(db).save_run_figures(first_run, mine)
    summary = import_json(db, tmp_path / "export.json", now=NOW)
    assert summary.heart_figures_added == 0
    assert HeartRecords(db).run_figures(first_run) == mine


def test_an_export_from_before_the_heart_figures_still_imports(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_csv(db, tmp_path / "old")
    (tmp_path / "old" / "heart.csv").unlink()
    (tmp_path / "old" / "resonance.csv").unlink()
    with open_database(tmp_path / "home" / "pfrelax.sqlite3") as other:
        summary = import_csv(other, tmp_path / "old", now=NOW)
        assert HeartRecords(other).all() == []
    assert (summary.runs_added, summary.heart_figures_added) == (3, 0)


def test_bad_heart_rows_are_named_and_nothing_is_imported(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    folder = tmp_path / "export"
    export_csv(db, folder)
    heart = folder / "heart.csv"
    heart.write_text(
        heart.read_text("utf-8") + "9,10,0,70,,,\n1,5,6,,,,\n1,600,1,-2,,,\n2,1,0,,,,\n", "utf-8"
    )
    resonance = folder / "resonance.csv"
    original = resonance.read_text("utf-8")
    lines = original.splitlines()
    lines[2] = lines[2].replace(",6.0,6.0,,6.0,1,", ",5.5,6.0,,6.0,1,", 1)
    lines[4] = lines[4].replace(",6.5,", ",12,", 1)
    resonance.write_text("\n".join(lines) + "\n", "utf-8")
    with open_database(tmp_path / "home" / "pfrelax.sqlite3") as other:
        with pytest.raises(DataFileError) as raised:
            import_csv(other, folder, now=NOW)
        assert HeartRecords(other).all() == []
        assert Runs(other).get(1) is None
    assert raised.value.problems == [
        "heart.csv:5: column corrected_beats: 6 is more than beats (5)",
        "heart.csv:6: column mean_hr_bpm: '-2' is not a heart rate above 0, or empty",
        "resonance.csv:3: column chosen_bpm: '5.5' differs from line 2 ('6.0') of the same result",
        "resonance.csv:5: column pace_bpm: '12' is not a pace of 3–10 breaths a minute, or empty",
    ]
    # The rows that read well: now the runs they name are checked.
    header = HEART_HEADER
    heart.write_text(f"{header}\n1,612,3,,,,\n2,1,0,,,,\n2,1,0,,,,\n9,10,0,70,,,\n", "utf-8")
    resonance.write_text(original, "utf-8")
    with (
        open_database(tmp_path / "home" / "pfrelax.sqlite3") as other,
        pytest.raises(DataFileError) as raised,
    ):
        import_csv(other, folder, now=NOW)
    assert raised.value.problems == [
        "heart.csv:4: column run_id: 2 has figures twice in this file",
        "heart.csv:5: column run_id: 9 is not a run in this export",
    ]


def test_json_heart_records_are_checked_like_every_other_record(
    db: Database, tmp_path: Path
) -> None:
    file = tmp_path / "export.json"
    heart = '{"run_id": 1, "beats": 10, "corrected_beats": 0, "mean_hr_bpm": 60, "pulse": 1}'
    result = (
        '{"result_id": 1, "time": "2026-11-20T19:00:00+01:00", "run_id": null, '
        '"chosen_bpm": null, "votes": {"phase": 99}, "corrected_beats": 0, "paces": []}'
    )
    file.write_text(
        f'{{"format": "pfrelax-export", "version": {EXPORT_VERSION}, "checkins": [], '
        f'"runs": [], "heart": [{heart}], "resonance": [{result}]}}',
        "utf-8",
    )
    with pytest.raises(DataFileError) as raised:
        import_json(db, file, now=NOW)
    assert raised.value.problems == [
        "export.json: heart[0].pulse: unknown key",
        "export.json: resonance[0].votes.phase: 99 is not a pace of 3–10 breaths a minute, "
        "or empty",
        "export.json: resonance[0].paces: [] is not a list of paces (at least one)",
    ]


def test_the_export_names_the_finder_s_criteria_as_the_finder_does() -> None:
    from pfrelax.core.heart import resonance
    from pfrelax.store import export_heart

    assert export_heart.CRITERIA == resonance.CRITERIA
