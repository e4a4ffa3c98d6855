"""Hostile RR logs for `pfrelax resonance --rr-file` and the player's recorded-file source: each
is refused in a few plain lines naming the file and line, exit status 1, no traceback;
likewise silly demo rates and seeds, and `hr scan --seconds` for no time or for ever."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax.core.clock import FakeClock
from pfrelax.errors import InputError
from pfrelax.sensors.rr_file import read_rr_log
from pfrelax.services.heart_sources import FILE, HeartChoice, open_source

from .conftest import refused

TEN_MILLION = 10_000_000


def rr_refused(home: Path, file: Path) -> list[str]:
    err = refused(["resonance", "--rr-file", str(file)], home)
    return err.removeprefix("pfrelax resonance: ").splitlines()


def test_ten_million_good_lines_are_refused_as_too_large_before_they_are_read(
    home: Path, tmp_path: Path
) -> None:
    log = tmp_path / "day.txt"
    log.write_text("800\n" * TEN_MILLION, "ascii")
    assert rr_refused(home, log) == [
        f"{log}: it is larger than 8 MB, far more than a recording of one session; keep only "
        "the session's intervals in it"
    ]


def test_an_endless_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="larger than 8 MB"):
        read_rr_log(Path("/dev/zero"))  # the command line reads what it is given, up to 8 MB
    choice = HeartChoice(FILE, rr_file="/dev/zero")
    with pytest.raises(InputError, match="/dev/zero: is a device, not a file of RR intervals"):
        open_source(choice, FakeClock(0.0), ())  # the app takes a file only


def test_a_million_lines_of_garbage_show_ten_and_count_the_rest(home: Path, tmp_path: Path) -> None:
    log = tmp_path / "garbage.txt"
    log.write_text("x\n" * 1_000_000, "ascii")
    lines = rr_refused(home, log)
    assert len(lines) == 11
    assert lines[-1] == "… and 999990 more"


def test_a_huge_or_binary_line_is_shown_short_and_escaped(home: Path, tmp_path: Path) -> None:
    log = tmp_path / "odd.txt"
    log.write_text("a" * 100_000 + "\n\x00\x1b[2J\n800\n", "utf-8")
    assert rr_refused(home, log) == [
        f'{log}:1: "{"a" * 40}…" is not a number; write one RR interval in milliseconds per line',
        f'{log}:2: "\\x00\\x1b[2J" is not a number; write one RR interval in milliseconds per line',
    ]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "no RR intervals in it (write one interval in ms per line)"),
        ("# only a comment\n\n", "no RR intervals in it (write one interval in ms per line)"),
        ("\xff\xfe800\n", "cannot read it (not a text file)"),
    ],
)
def test_an_empty_or_undecodable_log_says_so(
    home: Path, tmp_path: Path, text: str, why: str
) -> None:
    log = tmp_path / "log.txt"
    log.write_bytes(text.encode("latin-1"))
    assert rr_refused(home, log) == [f"{log}: {why}"]


def test_negative_nan_and_text_lines_are_each_named(home: Path, tmp_path: Path) -> None:
    log = tmp_path / "mixed.txt"
    log.write_text("800\n-5\nnan\n1e400\n0.8\nabc\n", "utf-8")
    assert rr_refused(home, log) == [
        f"{log}:2: -5 is not an RR interval; write milliseconds between 1 and 60000",
        f"{log}:3: nan is not an RR interval; write milliseconds between 1 and 60000",
        f"{log}:4: 1e400 is not an RR interval; write milliseconds between 1 and 60000",
        f"{log}:5: 0.8 looks like seconds; write milliseconds (e.g. 800)",
        f'{log}:6: "abc" is not a number; write one RR interval in milliseconds per line',
    ]


@pytest.mark.parametrize(
    ("rate", "why"),
    [
        ("nan", "--demo: nan is outside 3–10 breaths a minute"),
        ("-inf", "--demo: -inf is outside 3–10 breaths a minute"),
        ("1e999", "--demo: 1e999 is outside 3–10 breaths a minute"),
        ("six", "--demo: \"six\" is not a breathing rate; write breaths a minute (e.g. 5.5) or "
         "'flat'"),
    ],
)  # fmt: skip
def test_silly_demo_rates_are_refused(home: Path, rate: str, why: str) -> None:
    assert refused(["resonance", f"--demo={rate}"], home) == f"pfrelax resonance: {why}\n"


def test_a_negative_seed_is_refused(home: Path) -> None:
    err = refused(["resonance", "--demo", "5.5", "--seed=-3"], home)
    assert err == "pfrelax resonance: --seed: -3 is negative; use 0 or more\n"


@pytest.mark.parametrize("seconds", ["nan", "inf", "-1", "0", "1e9"])
def test_a_scan_for_no_time_or_for_ever_is_refused_before_bluetooth_is_asked(
    home: Path, seconds: str
) -> None:
    err = refused(["hr", "scan", f"--seconds={seconds}"], home)
    assert err == (
        f"pfrelax hr scan: --seconds: {float(seconds):g} is not 0.5–120; give how many seconds "
        "to look\n"
    )
