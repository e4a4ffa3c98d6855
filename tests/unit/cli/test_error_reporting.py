"""The CLI says "your input" errors plainly and "our bug" with a please-report text, exit 1."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from pfrelax.bug_report import PLEASE_REPORT, REPORT_FILE
from pfrelax.cli import EXIT_INVALID, run_command
from pfrelax.errors import InputError, InternalError
from pfrelax.formats.problems import Problem, SessionFileError


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _raising(error: Exception) -> argparse.Namespace:
    def command(_args: argparse.Namespace) -> int:
        raise error

    return argparse.Namespace(func=command, debug=False)


def test_an_input_error_is_said_plainly_with_where_and_how_to_fix(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    error = SessionFileError([Problem("calm.toml", "steps.0.pattern", "write 4-6", line=7)])
    args = _raising(error)

    assert run_command(args.func, args) == EXIT_INVALID

    captured = capsys.readouterr()
    assert captured.err == "pfrelax: calm.toml:7: steps.0.pattern: write 4-6\n"
    assert "Traceback" not in captured.err
    assert not (home / "cache" / REPORT_FILE).exists()


def test_an_input_error_adds_its_fix_when_the_message_lacks_it(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    error = InputError("the rate is 0", file="rr.txt", line=3, key="rate", fix="Use 3 to 10.")
    args = _raising(error)

    assert run_command(args.func, args) == EXIT_INVALID

    assert capsys.readouterr().err == "pfrelax: rr.txt:3: rate: the rate is 0\nUse 3 to 10.\n"


@pytest.mark.parametrize("error", [KeyError("steps"), InternalError("a state never reached")])
def test_our_bug_asks_for_a_report_and_keeps_the_traceback_in_a_file(
    error: Exception, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _raising(error)

    assert run_command(args.func, args) == EXIT_INVALID

    err = capsys.readouterr().err
    saved = home / "cache" / REPORT_FILE
    assert err == f"pfrelax: {PLEASE_REPORT}\nThe details are in {saved}.\n"
    assert "Traceback" in saved.read_text(encoding="utf-8")
    assert type(error).__name__ in saved.read_text(encoding="utf-8")


def test_debug_prints_our_bugs_traceback_too(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _raising(RuntimeError("unexpected"))
    args.debug = True

    assert run_command(args.func, args) == EXIT_INVALID

    err = capsys.readouterr().err
    assert err.startswith(f"pfrelax: {PLEASE_REPORT}")
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: unexpected" in err


def test_debug_is_an_option_of_the_command(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pfrelax.cli import main

    assert main(["--debug", "sessions", "--json"]) == 0
    assert capsys.readouterr().err == ""


def test_every_error_pfrelax_raises_for_bad_input_derives_from_input_error() -> None:
    from pfrelax.core.pattern import PatternError
    from pfrelax.core.timeline import TimelineError
    from pfrelax.formats.library import SessionNotFound
    from pfrelax.store.errors import DamagedDatabaseError, StoreError

    for kind in (PatternError, TimelineError, SessionNotFound, StoreError, DamagedDatabaseError):
        assert issubclass(kind, InputError), kind
    # The old bases stay, so every `except ValueError` written before still catches them.
    assert issubclass(PatternError, ValueError)
    assert issubclass(SessionNotFound, LookupError)
