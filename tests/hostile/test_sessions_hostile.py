"""Hostile session files get one clean `file:line: key: message` per problem from `validate` and
`timeline` alike: exit 1, no traceback, the data folder untouched (issue 10: 9; issue 9: 14, 15)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from .folders import snapshot
from .pack_builders import make_home, outcome, refused, run_cli, tone

HEADER = 'pfrelax = 1\nid = "hostile"\ntitle = "Hostile"\n\n[[step]]\n'


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_home(tmp_path, monkeypatch)


def _rest(value: str) -> str:
    return HEADER + f'type = "rest"\nseconds = {value}\n'


def _breathe(lines: str) -> str:
    return HEADER + 'type = "breathe"\n' + lines + "\n"


CASES = [
    pytest.param(
        _rest("1e25"),
        "7: step[0].seconds: value is out of range: 1e+25 seconds is more than a day; nothing in "
        "a session lasts that long",
        id="a-duration-of-1e25-seconds",
    ),
    pytest.param(
        _rest("9" * 100_000),
        "7: step[0].seconds: value is out of range: this number has thousands of digits; write "
        "an ordinary number, like 30",
        id="a-100000-digit-number",
    ),
    pytest.param(
        _rest("99999999999999999999"),
        "7: step[0].seconds: value is out of range; write an ordinary number, like 30",
        id="an-integer-beyond-64-bits",
    ),
    pytest.param(
        _breathe("pattern = { inhale = 1e308, exhale = 6 }\nminutes = 1"),
        "7: step[0].pattern.inhale: value is out of range: 1e+308 seconds is more than a day; "
        "nothing in a session lasts that long",
        id="1e308-in-a-pattern-table",
    ),
    pytest.param(
        _breathe('pattern = "1e308-6"\nminutes = 1'),
        '7: step[0].pattern: "1e308-6": value is out of range: 1e308 s is more than a day',
        id="1e308-in-a-shorthand-pattern",
    ),
    pytest.param(
        _breathe('pattern = "4-6"\ncycles = 100000000000000000'),
        "8: step[0].cycles: value is out of range: 100000000000000000 is over 10,000",
        id="a-huge-number-of-cycles",
    ),
    pytest.param(
        _rest("nan"),
        "7: step[0].seconds: nan is not a number of seconds; write one, like 30",
        id="nan-seconds",
    ),
    pytest.param(
        HEADER + 'type = "rest"\nseconds = 5\ntext = ' + "{a=" * 350 + "1" + "}" * 350 + "\n",
        "8: nesting too deep: lists and { } tables are nested more than 10 levels here; check "
        "the brackets on this line",
        id="inline-tables-350-deep",
    ),
    pytest.param(
        HEADER + 'type = "rest"\nseconds = 5\ntext = ' + "[" * 1000 + "]" * 1000 + "\n",
        "8: nesting too deep: lists and { } tables are nested more than 10 levels here; check "
        "the brackets on this line",
        id="arrays-1000-deep",
    ),
    pytest.param(
        _breathe("pattern = 4-6\nminutes = 1"),
        '7: step[0].pattern: this is text, so it needs double quotes: write pattern = "4-6"',
        id="a-pattern-without-quotes",
    ),
    pytest.param(
        _rest("0:20"),
        "7: step[0].seconds: durations are plain numbers of seconds, without a colon: write "
        "seconds = 20",
        id="seconds-written-as-0:20",
    ),
    pytest.param(
        _breathe('pattern = "4-6"\nminutes = 1:30'),
        "8: step[0].minutes: durations are plain numbers, without a colon: write seconds = 90 "
        "instead (or minutes = 1.5)",
        id="minutes-written-as-1:30",
    ),
    pytest.param(
        _rest("00:20:00"),
        "7: step[0].seconds: durations are plain numbers of seconds, not a time of day: write "
        "seconds = 1200",
        id="seconds-written-as-a-time-of-day",
    ),
    pytest.param(
        _breathe("pattern = “4-6”\nminutes = 1"),
        "7: step[0].pattern: the quotes here are curly (“ ”), which word processors type; use "
        'straight double quotes: pattern = "4-6"',
        id="curly-quotes",
    ),
    pytest.param(
        HEADER.replace('title = "Hostile"', 'title = "Hostile \\u202e"')
        + _rest("5")[len(HEADER) :],
        "3: title: contains an invisible text-direction control (U+202E), which can make text "
        "read differently from what it says; remove it",
        id="a-direction-override-in-the-title",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_validate_and_timeline_give_the_same_clean_message(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    before = snapshot(home)
    assert outcome(run_cli(capsys, "validate", str(path))) == refused([f"{path}:{expected}"])
    assert outcome(run_cli(capsys, "timeline", str(path))) == refused([f"{path}:{expected}"])
    assert snapshot(home) == before


def test_a_dilator_breath_of_no_time_is_named_not_divided_by(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.toml"
    path.write_text(HEADER + 'type = "dilator"\npattern = "0-0"\n', encoding="utf-8")
    expected = [
        f"{path}:7: step[0].pattern.inhale: 0 s is under the 1 s minimum",
        f"{path}:7: step[0].pattern.exhale: 0 s is under the 2 s minimum",
    ]
    assert outcome(run_cli(capsys, "validate", str(path))) == refused(expected)


def test_a_huge_session_file_is_refused_without_reading_it_all(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.toml"
    path.write_text(_rest("9" * 1_000_000), encoding="utf-8")  # a million-digit number
    expected = f"{path}: is over 256 KB; a session file may be at most 256 KB"
    assert outcome(run_cli(capsys, "validate", str(path))) == refused([expected])


def _spoken(tmp_path: Path, audio_name: str, audio: bytes) -> Path:
    (tmp_path / audio_name).write_bytes(audio)
    path = tmp_path / "spoken.toml"
    text = HEADER + f'type = "speak"\ntext = "Welcome."\naudio = "{audio_name}"\n'
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_decodes_the_recordings_a_session_names(
    home: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Random bytes named .mp3 used to pass validate (issue 9: 14); the mp3 decoder's own
    # "Note: Illegal Audio-MPEG-Header" chatter on fd 2 must not reach the terminal either.
    path = _spoken(tmp_path, "arrive.mp3", random.Random(14).randbytes(20_000))
    code, out, err = run_cli(capfd, "validate", str(path))
    assert (code, out, err.splitlines()) == (
        1,
        "",
        [
            f"{path}:8: step[0].audio: arrive.mp3: cannot be decoded (Format not recognised); "
            "re-export it as wav, flac, ogg or mp3"
        ],
    )


def test_validate_finds_a_recording_cut_short(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _spoken(tmp_path, "arrive.ogg", tone("OGG", "VORBIS", 19.1)[:9_000])
    assert outcome(run_cli(capsys, "validate", str(path))) == refused(
        [
            f"{path}:8: step[0].audio: arrive.ogg: ends early (the file is cut short); copy or "
            "export it again"
        ]
    )


def test_validate_says_which_recording_is_missing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "spoken.toml"
    path.write_text(HEADER + 'type = "speak"\ntext = "Hi"\naudio = "gone.ogg"\n', "utf-8")
    assert outcome(run_cli(capsys, "validate", str(path))) == refused(
        [f"{path}:8: step[0].audio: 'gone.ogg' is not found next to spoken.toml; put it there"]
    )


def test_a_phone_recording_is_refused_by_name_with_what_to_type(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _spoken(tmp_path, "memo.m4a", b"\x00\x00\x00\x20ftypM4A " + bytes(100))
    assert outcome(run_cli(capsys, "validate", str(path))) == refused(
        [
            f"{path}:8: step[0].audio: 'memo.m4a' is m4a (AAC) audio, which pfrelax cannot play; "
            "convert it to .ogg or .mp3, e.g. `ffmpeg -i memo.m4a memo.ogg`, and name the .ogg "
            "here"
        ]
    )


def test_a_good_recording_validates(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _spoken(tmp_path, "arrive.ogg", tone("OGG", "VORBIS", 2.0))
    assert run_cli(capsys, "validate", str(path)) == (0, f"ok: {path}\n", "")
