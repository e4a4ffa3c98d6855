""" "Delete all my data" removes the history, the installed packs' files and the speech cache."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.cli import main
from pfrelax.services.history_data import HistoryData
from pfrelax.store.db import Database, open_database
from pfrelax.store.progress_queries import data_counts
from pfrelax.ui.settings import data_actions
from pfrelax.ui.settings.data_actions import DeleteAllDialog
from tests.gui.gui_packs import evening_files, release_files, write_pack
from tests.pack_service import install_pack, open_catalog


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def db(home: Path, tmp_path: Path) -> Iterator[Database]:
    install_pack(write_pack(tmp_path / "release.pfpack", release_files()))
    install_pack(write_pack(tmp_path / "evening.pfpack", evening_files()))
    speech = paths.cache_dir() / "speech"
    speech.mkdir()
    (speech / "0123abcd.wav").write_bytes(b"RIFF")
    with open_database(paths.database_path()) as database:
        yield database


def delete_everything(qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Confirm "Delete all my data" like a person would; returns what the app then said."""
    told: list[str] = []
    monkeypatch.setattr(DeleteAllDialog, "exec", lambda _self: DeleteAllDialog.DialogCode.Accepted)
    monkeypatch.setattr(data_actions, "_tell", lambda _p, _t, message, _d="": told.append(message))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert data_actions.delete_all(parent, HistoryData(db))
    return told


def test_delete_all_removes_the_installed_packs_and_the_speech_cache(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert sorted(p.name for p in paths.packs_dir().iterdir()) == [
        "riverside-pt.evening",
        "riverside-pt.release-phase-1",
    ]
    told = delete_everything(qtbot, db, monkeypatch)
    assert told == ["All your pfrelax data on this computer is deleted."]
    assert list(paths.packs_dir().iterdir()) == []
    assert not (paths.cache_dir() / "speech").exists()
    assert [s.address for s in open_catalog().sessions() if s.pack_id] == []
    capsys.readouterr()
    assert main(["pack", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_files_that_cannot_be_removed_are_named(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    stuck = paths.packs_dir() / "riverside-pt.evening"

    def refuse(path: Path, *_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(shutil, "rmtree", refuse)
    told = delete_everything(qtbot, db, monkeypatch)
    assert told == [
        "Your history is deleted, but some files could not be removed. Delete them by hand:"
    ]
    assert stuck.is_dir()
    assert data_counts(db).packs == 0


def test_the_confirmation_says_pack_files_and_spoken_guidance_go(
    qtbot: QtBot, db: Database
) -> None:
    dialog = DeleteAllDialog(data_counts(db))
    qtbot.addWidget(dialog)
    text = dialog.message.text()
    assert "• every session pack you installed, with its files, and when each plan started (2)" in (
        text
    )
    assert "• the spoken guidance pfrelax recorded for sessions" in text
