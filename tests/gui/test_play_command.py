"""`pfrelax play`: an unknown session is refused with a message and no window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from pfrelax.cli import main


def test_unknown_session_is_refused_without_opening_a_window(
    qapp: QApplication, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    windows_before = set(qapp.topLevelWidgets())
    assert main(["play", "box-4-4-4"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("pfrelax play: no session 'box-4-4-4'; did you mean 'box-4-4-4-4'?")
    assert set(qapp.topLevelWidgets()) == windows_before


def test_a_missing_session_file_is_refused(
    qapp: QApplication, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "mine.toml"
    assert main(["play", str(missing)]) == 1
    assert capsys.readouterr().err == f"pfrelax play: no session file '{missing}'\n"
