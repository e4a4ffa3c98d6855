"""services.packs: install, list and remove with the packs folder and the registry injected."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax.formats.pack_install import PackNotInstalled
from pfrelax.formats.problems import PackError
from pfrelax.services.packs import Packs, RegistryFile, SharedRegistry
from pfrelax.store.db import open_database
from pfrelax.store.packs import InstalledPacks
from tests.unit.packs.packkit import PACK_ID, pack_files, write_zip


def test_a_pack_installs_lists_and_goes_on_the_one_database_handle_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("PFRELAX_HOME", str(home))  # nothing may be written where paths points
    with open_database(tmp_path / "data" / "pfrelax.sqlite3") as db:
        packs = Packs(tmp_path / "data" / "packs", SharedRegistry(db))
        result = packs.install(write_zip(tmp_path / "pack.pfpack", pack_files()))
        assert result.folder == tmp_path / "data" / "packs" / PACK_ID
        assert [p.pack_id for p in packs.installed()] == [PACK_ID]
        assert InstalledPacks(db).get(PACK_ID) is not None
        assert packs.remove(PACK_ID).pack_id == PACK_ID
        assert packs.installed() == []
        assert not result.folder.exists()
    assert not home.exists()


def test_a_refused_pack_never_opens_the_registry(tmp_path: Path) -> None:
    database = tmp_path / "data" / "pfrelax.sqlite3"
    packs = Packs(tmp_path / "data" / "packs", RegistryFile(database))
    files = pack_files()
    del files["audio/welcome.wav"]
    with pytest.raises(PackError):
        packs.install(write_zip(tmp_path / "broken.pfpack", files))
    assert not database.exists()
    assert packs.installed() == []  # listing does not create it either
    assert not database.exists()


def test_removing_an_unknown_pack_says_how_to_list_them(tmp_path: Path) -> None:
    with open_database(tmp_path / "pfrelax.sqlite3") as db:
        packs = Packs(tmp_path / "packs", SharedRegistry(db))
        with pytest.raises(PackNotInstalled, match=r"`pfrelax pack list`"):
            packs.remove("nope.pack")
        assert not (tmp_path / "packs").exists()  # refused before the folder was made
