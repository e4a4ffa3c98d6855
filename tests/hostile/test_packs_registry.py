"""Installed packs survive a moved data folder: the registry stores folders relative to it, and
migration 4 rewrites rows written by older versions (issue 10: 8)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.store.db import open_database
from pfrelax.store.migrations import apply_migrations
from pfrelax.store.packs import InstalledPacks

from .pack_builders import PACK_ID, pack_files, run_cli, write_pack


def test_a_moved_data_folder_keeps_every_installed_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "before"))
    pack = write_pack(tmp_path / "p.pfpack", pack_files())
    assert run_cli(capsys, "pack", "install", str(pack))[0] == 0
    shutil.move(tmp_path / "before", tmp_path / "after")
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "after"))
    code, out, _ = run_cli(capsys, "pack", "list", "--json")
    [row] = json.loads(out)
    assert (code, row["sessions"], row["folder"]) == (
        0,
        ["soften"],
        str(tmp_path / "after" / "data" / "packs" / PACK_ID),
    )
    with sqlite3.connect(tmp_path / "after" / "data" / "pfrelax.sqlite3") as con:
        stored = con.execute("SELECT folder FROM installed_packs").fetchall()
    con.close()
    assert stored == [(f"packs/{PACK_ID}",)]


def _schema_3_database(path: Path, folders: dict[str, str]) -> None:
    """A database from before the relative-folders migration, with these absolute pack folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    apply_migrations(con, 0, target=3)
    for pack_id, folder in folders.items():
        con.execute(
            "INSERT INTO installed_packs VALUES (?, '1.0.0', 'T', 0, 0, ?, NULL)", (pack_id, folder)
        )
    con.close()


def test_the_migration_makes_pack_folders_relative_to_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    database = paths.database_path()
    _schema_3_database(
        database,
        {
            "clinic.unix": "/home/old/.local/share/pfrelax/packs/clinic.unix",
            "clinic.windows": r"C:\Users\old\AppData\Local\pfrelax\packs\clinic.windows",
            "clinic.elsewhere": "/somewhere/else/entirely",
        },
    )
    with open_database(database) as db:
        rows = dict(db.connection.execute("SELECT pack_id, folder FROM installed_packs"))
        folders = {pack.pack_id: pack.folder for pack in InstalledPacks(db).installed()}
    assert rows == {
        "clinic.unix": "packs/clinic.unix",
        "clinic.windows": "packs/clinic.windows",
        "clinic.elsewhere": "/somewhere/else/entirely",  # not ours to guess: left as it was
    }
    assert folders["clinic.unix"] == paths.data_dir() / "packs" / "clinic.unix"
