"""Where files go: PFRELAX_HOME puts everything under one owner-only folder, chosen at call time."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pfrelax import __version__, paths
from pfrelax.cli import main


def test_home_override_puts_config_data_and_cache_under_one_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    assert paths.config_dir() == tmp_path / "home" / "config"
    assert paths.data_dir() == tmp_path / "home" / "data"
    assert paths.cache_dir() == tmp_path / "home" / "cache"
    assert paths.database_path().parent == paths.data_dir()
    assert paths.packs_dir().parent == paths.data_dir()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_folders_are_owner_only_even_if_they_existed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    loose = tmp_path / "home" / "data"
    loose.mkdir(parents=True, mode=0o755)
    loose.chmod(0o755)
    for folder in (paths.config_dir(), paths.data_dir(), paths.cache_dir(), paths.packs_dir()):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_the_home_is_read_when_asked_not_at_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "first"))
    first = paths.data_dir()
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "second"))
    assert paths.data_dir() != first
    assert paths.data_dir() == tmp_path / "second" / "data"


def test_importing_paths_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "untouched"
    env = {**os.environ, "PFRELAX_HOME": str(home)}
    subprocess.run([sys.executable, "-c", "import pfrelax.paths"], env=env, check=True)
    assert not home.exists()


def test_builtin_sessions_and_assets_are_found() -> None:
    assert any(paths.builtin_sessions_dir().glob("*.toml"))
    assert (paths.assets_dir() / "texts.toml").is_file()


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"pfrelax {__version__}\n"
