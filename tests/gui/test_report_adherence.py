"""The PT report shows plan adherence: sessions done against assigned, per plan week."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.cli import main
from pfrelax.formats.pack_build import build_pack
from pfrelax.store.db import Database, open_database
from pfrelax.store.packs import InstalledPacks
from pfrelax.store.runs import Runs
from tests.pack_service import install_pack

EXAMPLE = Path(__file__).parents[2] / "examples" / "riverside-release"
PACK_ID = "riverside-pt.release-phase-1"


def practise(db: Database, when: datetime, session_id: str) -> None:
    runs_at = Runs(db, now=lambda: when)
    run_id = runs_at.start_run(session_id, "Arrive and soften", PACK_ID, "1.0.0")
    runs_at.finish_run(run_id, 280, completed=True)


def test_report_lists_done_against_assigned_for_each_plan_week(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TZ", "UTC")
    install_pack(build_pack(EXAMPLE, tmp_path / "release.pfpack"))
    start = date.today() - timedelta(days=8)  # plan week 2 has begun
    with open_database(paths.database_path()) as db:
        InstalledPacks(db).set_plan_started(PACK_ID, start)
        noon = datetime.combine(start, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
        for day in range(3):  # three days of week 1, twice a day ...
            practise(db, noon + timedelta(days=day), "arrive-and-soften")
            practise(db, noon + timedelta(days=day, hours=6), "arrive-and-soften")
        practise(db, noon + timedelta(days=7), "arrive-and-soften")  # ... once in week 2

    pdf = tmp_path / "report.pdf"
    assert main(["report", "--pdf", str(pdf)]) == 0
    capsys.readouterr()
    raw = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = " ".join(raw.split())
    assert "Release — phase 1, week 1 (" in text
    assert "): 6 of 14" in text
    # Week 2 has had two days (yesterday and today): the days to come are not counted as missed.
    assert "so far): 1 of 4" in text
