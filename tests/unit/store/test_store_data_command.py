"""`pfrelax export` and `pfrelax import`, driven through a parser as pfrelax.cli builds it."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pfrelax.commands import data
from pfrelax.core.data_words import KindCounts, kinds_words
from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.heart.resonance import CRITERIA, EpochScore, FinderResult
from pfrelax.paths import database_path
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import open_database
from pfrelax.store.heart import HeartRecords
from pfrelax.store.runs import Runs


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    return tmp_path


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="pfrelax")
    data.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


def test_export_then_import_into_a_fresh_profile(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(database_path()) as db:
        Checkins(db).save_checkin("standalone", {"distress": 2, "mood": 7}, note="after a walk")
    assert run("export", "--csv", str(home / "out")) == 0
    assert run("export", "--json", str(home / "out.json")) == 0
    assert capsys.readouterr().out == (
        f"Exported 1 check-in and 0 session runs to {home / 'out'}.\n"
        f"Exported 1 check-in and 0 session runs to {home / 'out.json'}.\n"
    )
    monkeypatch.setenv("PFRELAX_HOME", str(home / "new-laptop"))
    assert run("import", "--csv", str(home / "out")) == 0
    assert run("import", "--json", str(home / "out.json")) == 0
    assert capsys.readouterr().out == (
        "Imported 1 check-in and 0 session runs.\n"
        "Imported 0 check-ins and 0 session runs (1 already there).\n"
    )
    assert database_path().is_relative_to(home / "new-laptop")


def test_a_bad_import_says_what_to_fix_and_exits_1(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = home / "in"
    folder.mkdir()
    (folder / "runs.csv").write_text(
        "run_id,session,pack,pack_version,started,ended,seconds,completed\n", "utf-8"
    )
    (folder / "checkins.csv").write_text(
        "checkin_id,time,moment,session,measure,value,note\n"
        "1,2020-11-23T08:00:00+01:00,standalone,,distress,eleven,\n",
        "utf-8",
    )
    assert run("import", "--csv", str(folder)) == 1
    assert capsys.readouterr().err == (
        "pfrelax import: nothing was imported. Fix these and try again:\n"
        "  checkins.csv:2: column value: 'eleven' is not a number 0–10 or not_attempted\n"
    )
    assert run("import", "--csv", str(home / "nowhere")) == 1
    assert (
        capsys.readouterr().err == f"pfrelax import: {home / 'nowhere'}: there is no folder here\n"
    )


def test_csv_and_json_together_is_a_usage_error(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        run("export", "--csv", "a", "--json", "b")
    assert exited.value.code == 2
    assert "argument --json: not allowed with argument --csv" in capsys.readouterr().err
    assert data.export_command(argparse.Namespace(csv=None, json=None)) == 2


def test_heart_figures_and_finder_results_are_counted_out_and_back_in(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    at = datetime(2025, 6, 1, 19, 0, tzinfo=timezone(timedelta(hours=2)))
    with open_database(database_path()) as db:
        run_id = Runs(db, lambda: at).start_run("resonance-finder", "Finder", length_seconds=720)
        heart = HeartRecords(db, lambda: at)
        heart.save_run_figures(run_id, RunFigures(610, 2, 70.0, 35.0, 7.0, 1200.0))
        paces = tuple(EpochScore(bpm, 9.0, 1500.0, 0.0, 25, 0) for bpm in (6.5, 6.0, 5.5))
        heart.save_finder_result(FinderResult(paces, dict.fromkeys(CRITERIA, 6.0), 6.0, 0))
    assert run("export", "--csv", str(home / "out")) == 0
    assert run("export", "--json", str(home / "out.json")) == 0
    held = "0 check-ins, 1 session run, heart figures of 1 run and 1 pace finder result"
    assert capsys.readouterr().out == (
        f"Exported {held} to {home / 'out'}.\nExported {held} to {home / 'out.json'}.\n"
    )
    monkeypatch.setenv("PFRELAX_HOME", str(home / "new-laptop"))
    assert run("import", "--csv", str(home / "out")) == 0
    assert run("import", "--json", str(home / "out.json")) == 0
    assert capsys.readouterr().out == (
        f"Imported {held}.\nImported 0 check-ins and 0 session runs (3 already there).\n"
    )


def test_the_words_name_each_kind_only_when_there_is_one() -> None:
    assert kinds_words(KindCounts(3, 2)) == "3 check-ins and 2 session runs"
    assert kinds_words(KindCounts(3, 2, 4), runs_word="session") == (
        "3 check-ins, 2 sessions and 4 practice logs"
    )
    assert kinds_words(KindCounts(0, 5, 0, 2, 3)) == (
        "0 check-ins, 5 session runs, heart figures of 2 runs and 3 pace finder results"
    )
