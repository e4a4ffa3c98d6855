"""PFRELAX_HOME and the folders under it: created owner-only, never widened, usable read-only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pfrelax import paths

from .conftest import make_read_only, run_cli
from .folders import snapshot


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_new_pfrelax_home_is_created_owner_only(home: Path) -> None:
    paths.data_dir()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "data").stat().st_mode) == 0o700


def test_the_helpers_see_a_read_only_folder(home: Path) -> None:
    paths.data_dir()
    before = snapshot(home)
    with make_read_only(home):
        ran = run_cli(["export", "--csv", str(home / "data" / "out")], home, read_only=True)
    assert ran.code == 1
    assert snapshot(home) == before


@pytest.mark.parametrize(
    ("command", "code"),
    [(["privacy", "status"], 0), (["calendar", "--ics", "out.ics"], 1)],
)
def test_a_pfrelax_home_that_is_a_file_is_said_plainly(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    code: int,
) -> None:
    from pfrelax.cli import main

    home.write_text("not a folder\n")
    monkeypatch.chdir(tmp_path)
    assert main(command) == code
    err = capsys.readouterr().err
    assert "Something went wrong" not in err
    assert home.read_text() == "not a folder\n"
