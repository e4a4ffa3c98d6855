"""Hostile heart rows in a history import (export v3): every value the tables' CHECKs refuse is
refused by the import first, naming file, line and column; nothing is imported, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import open_database
from pfrelax.store.export import EXPORT_VERSION

from .conftest import refused
from .folders import assert_unchanged, snapshot

RUNS = (
    "run_id,session,pack,pack_version,started,ended,seconds,completed\n"
    "1,daily,,,2020-11-23T08:30:00+01:00,2020-11-23T08:40:00+01:00,600,1\n"
)
CHECKINS = "checkin_id,time,moment,session,measure,value,note\n"
HEART = "run_id,beats,corrected_beats,mean_hr_bpm,rmssd_ms,peak_to_trough_bpm,lf_power_ms2\n"
JSON_RUN = (
    '{"run_id": 1, "session": "daily", "pack": null, "pack_version": null, '
    '"started": "2020-11-23T08:30:00+01:00", "ended": "2020-11-23T08:40:00+01:00", '
    '"seconds": 600, "completed": true}'
)


@pytest.fixture
def history(home: Path) -> Path:
    with open_database(paths.database_path()) as db:
        Checkins(db).save_checkin("standalone", {"mood": 6}, note="a calm evening")
    return home


def import_refused(history: Path, args: list[str]) -> list[str]:
    before = snapshot(history)
    err = refused(["import", *args], history)
    assert_unchanged(before, history)
    head, *problems = err.splitlines()
    assert head == "pfrelax import: nothing was imported. Fix these and try again:"
    return [problem.strip() for problem in problems]


@pytest.mark.parametrize("rate", ["0", "0.0", "-0"])
def test_a_mean_heart_rate_of_zero_in_heart_csv_is_refused_not_a_sqlite_error(
    history: Path, tmp_path: Path, rate: str
) -> None:
    folder = tmp_path / "import"
    folder.mkdir()
    (folder / "runs.csv").write_text(RUNS, "utf-8")
    (folder / "checkins.csv").write_text(CHECKINS, "utf-8")
    (folder / "heart.csv").write_text(f"{HEART}1,100,2,{rate},3,4,5\n", "utf-8")
    assert import_refused(history, ["--csv", str(folder)]) == [
        f"heart.csv:2: column mean_hr_bpm: '{rate}' is not a heart rate above 0, or empty"
    ]


def test_a_mean_heart_rate_of_zero_in_json_is_refused_naming_its_key(
    history: Path, tmp_path: Path
) -> None:
    heart = '{"run_id": 1, "beats": 10, "corrected_beats": 0, "mean_hr_bpm": 0}'
    file = tmp_path / "export.json"
    file.write_text(
        f'{{"format": "pfrelax-export", "version": {EXPORT_VERSION}, "checkins": [], '
        f'"runs": [{JSON_RUN}], "heart": [{heart}], "resonance": []}}',
        "utf-8",
    )
    assert import_refused(history, ["--json", str(file)]) == [
        "export.json: heart[0].mean_hr_bpm: 0 is not a heart rate above 0, or empty"
    ]
