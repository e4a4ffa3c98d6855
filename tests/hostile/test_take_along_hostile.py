"""Hostile folders and times for "Take it with you…" (`pfrelax export-audio`) and "Add to my
calendar…" (`pfrelax calendar`): a clear message, exit status 1, and nothing half-written: no
tracks or playlist without their calendar, no partial .m3u or .ics."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax.cli import main
from tests.unit.packs.packkit import pack_files, write_zip


@pytest.fixture
def installed(home: Path, tmp_path: Path) -> None:
    """The test pack (plan: `soften` daily, twice a day, weeks 1–4), installed."""
    assert main(["pack", "install", str(write_zip(tmp_path / "test.pfpack", pack_files()))]) == 0


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    _out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, err


def test_a_calendar_that_cannot_be_written_takes_the_audio_back_with_it(
    installed: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "phone"
    (folder / "calm.ics").mkdir(parents=True)  # a folder where the calendar is to go
    code, err = run(capsys, "export-audio", str(folder), "--no-voice", "--times", "08:30")
    assert code == 1
    assert err.startswith(f"pfrelax export-audio: {folder / 'calm.ics'}")
    assert [p.name for p in folder.iterdir()] == ["calm.ics"]
    assert list((folder / "calm.ics").iterdir()) == []


@pytest.mark.parametrize(
    ("times", "why"),
    [
        ("25:00", "'25:00' is not a time of day; use 00:00 to 23:59"),
        ("", "no time given; write times as HH:MM, like 08:30,19:00"),
        ("8", "'8' is not a time; write it as HH:MM, like 08:30"),
    ],
)
def test_a_time_that_is_not_one_writes_nothing(
    installed: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], times: str, why: str
) -> None:
    folder = tmp_path / "phone"
    code, err = run(capsys, "export-audio", str(folder), "--no-voice", f"--times={times}")
    assert (code, err) == (1, f"pfrelax export-audio: --times: {why}\n")
    assert not folder.exists()
    ics = tmp_path / "practice.ics"
    code, err = run(capsys, "calendar", "--ics", str(ics), f"--times={times}")
    assert (code, err) == (1, f"pfrelax calendar: --times: {why}\n")
    assert list(tmp_path.glob("*.ics")) == []


@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31"])
def test_a_start_day_far_from_today_is_refused_in_words(
    installed: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], start: str
) -> None:
    ics = tmp_path / "practice.ics"
    code, err = run(capsys, "calendar", "--ics", str(ics), "--start", start)
    assert code == 1
    assert err.startswith(f"pfrelax calendar: --start: {start} is more than 2 years from today;")
    assert not ics.exists()
    folder = tmp_path / "phone"
    code, err = run(capsys, "export-audio", str(folder), "--no-voice", "--start", start)
    assert code == 1
    assert err.startswith(f"pfrelax export-audio: --start: {start} is more than 2 years")
    assert not folder.exists()
