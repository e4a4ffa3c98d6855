"""`pfrelax calendar` and `pfrelax export-audio` against a really installed pack."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
import soundfile
from icalendar import Calendar, Component

from pfrelax import paths
from pfrelax.audio.engine import SoundChoice, prepare_sound
from pfrelax.cli import main
from pfrelax.core.discretion import condition_words_in
from pfrelax.services.catalog import timeline as session_timeline
from tests.pack_service import open_catalog

from .packkit import PACK_ID, pack_files, write_zip

MONDAY = date(2026, 3, 23)  # the week the clocks go forward in Berlin (Sunday 29 March)


@pytest.fixture
def installed(home: Path, tmp_path: Path) -> str:
    """The test pack (plan: `soften` daily, twice a day, weeks 1–4), installed."""
    pack = write_zip(tmp_path / "test.pfpack", pack_files())
    assert main(["pack", "install", str(pack)]) == 0
    return PACK_ID


SETTLE = """\
pfrelax = 1
id = "settle"
title = "Settle"

[[step]]
type = "breathe"
title = "Slow"
pattern = "4-0-4-0"
cycles = 1
"""


@pytest.fixture
def two_sessions(home: Path, tmp_path: Path) -> str:
    """The test pack with a second session on weekends from week 2."""
    files = pack_files()
    manifest = (
        files["pack.toml"]
        .decode()
        .replace(
            "[checkin]",
            '[[plan]]\nsession = "settle"\nweeks = "2-3"\ndays = "weekends"\n\n[checkin]',
        )
    )
    files = {**files, "pack.toml": manifest.encode(), "sessions/settle.toml": SETTLE.encode()}
    pack = write_zip(tmp_path / "two.pfpack", files)
    assert main(["pack", "install", str(pack)]) == 0
    return PACK_ID


def _start(event: Component) -> datetime:
    start: datetime = event.decoded("DTSTART")
    return start


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_calendar_writes_the_plan_with_the_chosen_times(
    installed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reminders.ics"
    code, out, err = run(
        capsys,
        "calendar", "--ics", str(target), "--pack", installed,
        "--times", "07:45,20:15", "--start", MONDAY.isoformat(), "--zone", "Europe/Berlin",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "56 reminders" in out
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    starts = sorted(_start(event) for event in events)
    assert len(starts) == 4 * 7 * 2
    assert starts[0].date() == MONDAY
    assert starts[-1].date() == MONDAY + timedelta(days=27)
    assert {start.time() for start in starts} == {time(7, 45), time(20, 15)}
    assert {str(start.tzinfo) for start in starts} == {"Europe/Berlin"}
    assert target.stat().st_mode & 0o777 == 0o600


def test_calendar_without_times_picks_one_per_planned_session(
    installed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "calm.ics"
    code, _out, _err = run(capsys, "calendar", "--ics", str(target), "--start", "2026-01-05")
    assert code == 0
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert {_start(event).time() for event in events} == {time(8, 30), time(19, 30)}
    assert condition_words_in(target.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--times", "7h30"], "--times: '7h30' is not a time; write it as HH:MM"),
        (["--start", "23/03/2026"], "--start: '23/03/2026' is not a date; write YYYY-MM-DD"),
        (["--zone", "Mars/Olympus"], "--zone: 'Mars/Olympus' is not a time zone"),
        (["--pack", "nobody.none"], "no installed pack has the id 'nobody.none'"),
    ],
)
def test_bad_input_is_explained_and_exits_1(
    installed: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    says: str,
) -> None:
    target = tmp_path / "calm.ics"
    code, out, err = run(capsys, "calendar", "--ics", str(target), *argv)
    assert code == 1
    assert err.startswith("pfrelax calendar: ")
    assert says in err
    assert "Traceback" not in err
    assert out == ""
    assert not target.exists()


def test_a_calendar_in_a_missing_folder_is_explained(
    installed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "calendar", "--ics", str(tmp_path / "no" / "calm.ics"))
    assert code == 1
    assert "does not exist; create it first" in err


def test_no_plan_installed_is_explained(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "calendar", "--ics", str(tmp_path / "calm.ics"))
    assert code == 1
    assert "no installed pack has a plan" in err


def expected_seconds(address: str) -> float:
    """How long the session plays without voice: its timeline and the end bell's ring."""
    session = open_catalog().find(address)
    timeline = session_timeline(session)
    sound = prepare_sound(timeline, SoundChoice(voice=False), None, 48_000)
    assert sound.last_frame * 1000 >= timeline.duration_ms * 48_000
    return float(sound.last_frame / 48_000)


def test_export_audio_renders_each_planned_session_with_a_playlist(
    two_sessions: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "phone"
    code, out, err = run(
        capsys, "export-audio", str(folder), "--no-voice", "--start", MONDAY.isoformat()
    )
    assert code == 0, err
    extension = ".mp3" if "MP3" in soundfile.available_formats() else ".ogg"
    tracks = [f"calm-01{extension}", f"calm-02{extension}"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*tracks, "calm.m3u", "calm.ics"])
    lengths = [expected_seconds(f"{PACK_ID}/{sid}") for sid in ("soften", "settle")]
    for name, seconds in zip(tracks, lengths, strict=True):
        assert soundfile.info(str(folder / name)).duration == pytest.approx(seconds, abs=0.1)
        assert f"wrote {folder / name}" in out
    playlist = (folder / "calm.m3u").read_text(encoding="utf-8").splitlines()
    assert playlist == [
        "#EXTM3U",
        f"#EXTINF:{round(lengths[0])},Calm minutes 1",
        tracks[0],
        f"#EXTINF:{round(lengths[1])},Calm minutes 2",
        tracks[1],
    ]
    assert condition_words_in("\n".join(playlist)) == []
    events = list(Calendar.from_ical((folder / "calm.ics").read_bytes()).walk("VEVENT"))
    assert len(events) == 4 * 7 * 2 + 4  # and the four weekend days of weeks 2 and 3


def test_export_audio_into_a_file_is_explained(
    installed: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    code, _out, err = run(capsys, "export-audio", str(a_file), "--no-voice")
    assert code == 1
    assert "is a file; give a folder" in err
    assert a_file.read_text(encoding="utf-8") == "mine"
    assert paths.data_dir().is_dir()


def test_a_stopped_export_is_an_outcome_not_an_exception(two_sessions: str, tmp_path: Path) -> None:
    from pfrelax.commands.library import find_session
    from pfrelax.commands.take_along import load_plan
    from pfrelax.services.take_along_audio import export_plan_audio

    folder = tmp_path / "phone"
    blocks: list[int] = []

    def stop_after_a_few_blocks() -> bool:
        blocks.append(1)
        return len(blocks) > 3  # mid-way through the first session

    written = export_plan_audio(
        load_plan(PACK_ID), folder, find_session, voice=False, cancelled=stop_after_a_few_blocks
    )
    assert written is None
    assert list(folder.iterdir()) == []
