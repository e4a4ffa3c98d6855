"""install.sh and uninstall.sh with a temporary HOME, around a tiny stand-in for the app.

The same scripts run around the real bundle in test_bundle.py (`make bundle-test`); here they
run on every `make test`, in a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax.desktop.autostart import XdgAutostart
from pfrelax.desktop.menu_entry import InstalledMenuEntry

from .installkit import build_script, clean_env, run, snapshot, with_parents

DATA_FILES = {
    ".local/share/pfrelax/pfrelax.sqlite3",
    ".local/share/pfrelax/packs/riverside/pack.toml",
    ".config/pfrelax/settings.json",
    ".cache/pfrelax/speech/1.wav",
}


@pytest.fixture
def unpacked(tmp_path: Path) -> Path:
    """The archive's folder as build.py stages it, with a stand-in program for the app."""
    app = tmp_path / "built"
    (app / "_internal").mkdir(parents=True)
    program = app / "pfrelax"
    program.write_text('#!/bin/sh\necho "pfrelax 0.1.0 $*"\n', encoding="utf-8")
    program.chmod(0o755)
    (app / "_internal" / "library.so").write_bytes(b"\x7fELF")
    return Path(build_script().stage(app, tmp_path / "stage"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def add_user_data(home: Path) -> None:
    """What the app leaves behind while in use: data, settings, cache, an autostart entry."""
    for name in DATA_FILES:
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_text("mine", encoding="utf-8")
    XdgAutostart(home / ".config" / "autostart").enable(["pfrelax"])


def test_install_puts_the_app_command_menu_entry_and_icon_in_place(
    unpacked: Path, home: Path
) -> None:
    done = run([str(unpacked / "install.sh")], clean_env(home), cwd=unpacked)
    assert done.returncode == 0, done.stderr
    app = home / ".local/share/pfrelax-app"
    assert (app / "pfrelax").is_file()
    assert (app / "_internal/library.so").is_file()
    launched = run([str(home / ".local/bin/pfrelax"), "--version"], clean_env(home), cwd=home)
    assert launched.stdout == "pfrelax 0.1.0 --version\n"
    entry = (home / ".local/share/applications/pfrelax.desktop").read_text(encoding="utf-8")
    assert f'Exec="{app}/pfrelax"' in entry
    assert "Icon=pfrelax" in entry
    assert (home / ".local/share/icons/hicolor/scalable/apps/pfrelax.svg").is_file()
    assert (home / ".local/share/icons/hicolor/256x256/apps/pfrelax.png").is_file()
    assert "is not on your PATH" in done.stdout  # ~/.local/bin is not on the clean PATH


def test_uninstall_leaves_nothing_but_the_persons_data(unpacked: Path, home: Path) -> None:
    assert run([str(unpacked / "install.sh")], clean_env(home), cwd=unpacked).returncode == 0
    add_user_data(home)
    uninstall = home / ".local/share/pfrelax-app/uninstall.sh"
    done = run([str(uninstall)], clean_env(home), cwd=home)
    assert done.returncode == 0, done.stderr
    assert snapshot(home) == with_parents(DATA_FILES)
    assert "Your data is still in" in done.stdout


def test_uninstall_deletes_the_data_only_when_asked(unpacked: Path, home: Path) -> None:
    assert run([str(unpacked / "install.sh")], clean_env(home), cwd=unpacked).returncode == 0
    add_user_data(home)
    done = run([str(unpacked / "uninstall.sh"), "--delete-my-data"], clean_env(home), cwd=home)
    assert done.returncode == 0, done.stderr
    # Only the two empty folders the app itself made (not the installer) are left.
    assert snapshot(home) == {".config", ".cache"}


def test_installing_twice_then_uninstalling_still_leaves_nothing(
    unpacked: Path, home: Path
) -> None:
    for _ in range(2):
        assert run([str(unpacked / "install.sh")], clean_env(home), cwd=unpacked).returncode == 0
    assert run([str(unpacked / "uninstall.sh")], clean_env(home), cwd=home).returncode == 0
    assert snapshot(home) == set()


def test_folders_that_were_there_before_stay(unpacked: Path, home: Path) -> None:
    (home / ".local/bin").mkdir(parents=True)
    (home / ".local/bin/other-tool").write_text("#!/bin/sh\n", encoding="utf-8")
    before = snapshot(home)
    assert run([str(unpacked / "install.sh")], clean_env(home), cwd=unpacked).returncode == 0
    assert run([str(unpacked / "uninstall.sh")], clean_env(home), cwd=home).returncode == 0
    assert snapshot(home) == before


def test_the_xdg_folders_are_respected(unpacked: Path, home: Path, tmp_path: Path) -> None:
    data, bins = tmp_path / "xdg-data", tmp_path / "xdg-bin"
    env = clean_env(home, XDG_DATA_HOME=str(data), XDG_BIN_HOME=str(bins))
    assert run([str(unpacked / "install.sh")], env, cwd=unpacked).returncode == 0
    assert (data / "pfrelax-app/pfrelax").is_file()
    assert (data / "applications/pfrelax.desktop").is_file()
    assert (bins / "pfrelax").is_file()
    assert snapshot(home) == set()
    assert run([str(data / "pfrelax-app/uninstall.sh")], env, cwd=home).returncode == 0
    assert not data.exists()
    assert not bins.exists()


def test_an_unknown_uninstall_option_changes_nothing(unpacked: Path, home: Path) -> None:
    assert run([str(unpacked / "install.sh")], clean_env(home), cwd=unpacked).returncode == 0
    before = snapshot(home)
    done = run([str(unpacked / "uninstall.sh"), "--purge"], clean_env(home), cwd=home)
    assert done.returncode == 1
    assert "unknown option '--purge'" in done.stderr
    assert snapshot(home) == before


def test_delete_my_data_deletes_the_pfrelax_home_folders_and_keeps_the_rest(
    unpacked: Path, home: Path, tmp_path: Path
) -> None:
    """With PFRELAX_HOME set the app keeps everything under it (paths.py), so that goes too."""
    chosen = tmp_path / "my choice"
    for name in ("data/pfrelax.sqlite3", "config/settings.json", "cache/speech/1.wav"):
        (chosen / name).parent.mkdir(parents=True, exist_ok=True)
        (chosen / name).write_text("mine", encoding="utf-8")
    (chosen / "notes.txt").write_text("not the app's", encoding="utf-8")
    env = clean_env(home, PFRELAX_HOME=str(chosen))
    assert run([str(unpacked / "install.sh")], env, cwd=unpacked).returncode == 0
    add_user_data(home)
    done = run([str(unpacked / "uninstall.sh"), "--delete-my-data"], env, cwd=home)
    assert done.returncode == 0, done.stderr
    assert snapshot(chosen) == {"notes.txt"}
    assert f"deleted {chosen / 'data'}" in done.stdout
    assert snapshot(home) == {".config", ".cache"}  # the usual folders went as well


def test_delete_my_data_follows_the_xdg_config_and_cache_folders(
    unpacked: Path, home: Path, tmp_path: Path
) -> None:
    config, cache = tmp_path / "xdg-config", tmp_path / "xdg-cache"
    (config / "pfrelax").mkdir(parents=True)
    (config / "pfrelax/settings.json").write_text("mine", encoding="utf-8")
    (cache / "pfrelax").mkdir(parents=True)
    (cache / "other-app").mkdir()
    env = clean_env(home, XDG_CONFIG_HOME=str(config), XDG_CACHE_HOME=str(cache))
    assert run([str(unpacked / "install.sh")], env, cwd=unpacked).returncode == 0
    done = run([str(unpacked / "uninstall.sh"), "--delete-my-data"], env, cwd=home)
    assert done.returncode == 0, done.stderr
    assert not (config / "pfrelax").exists()
    assert snapshot(cache) == {"other-app"}


def test_without_delete_my_data_the_pfrelax_home_data_stays_and_is_named(
    unpacked: Path, home: Path, tmp_path: Path
) -> None:
    chosen = tmp_path / "my choice"
    (chosen / "data").mkdir(parents=True)
    (chosen / "data/pfrelax.sqlite3").write_text("mine", encoding="utf-8")
    env = clean_env(home, PFRELAX_HOME=str(chosen))
    assert run([str(unpacked / "install.sh")], env, cwd=unpacked).returncode == 0
    done = run([str(unpacked / "uninstall.sh")], env, cwd=home)
    assert done.returncode == 0, done.stderr
    assert (chosen / "data/pfrelax.sqlite3").read_text(encoding="utf-8") == "mine"
    assert f"Your data is still in {chosen / 'data'}" in done.stdout


def test_discreet_mode_renames_the_installed_menu_entry_and_uninstall_still_removes_it(
    unpacked: Path, home: Path, tmp_path: Path
) -> None:
    data = tmp_path / "xdg-data"
    env = clean_env(home, XDG_DATA_HOME=str(data))
    assert run([str(unpacked / "install.sh")], env, cwd=unpacked).returncode == 0
    entry = InstalledMenuEntry(data / "applications")
    written = entry.path.read_text(encoding="utf-8")
    assert entry.follow_discreet(True)
    calm = entry.path.read_text(encoding="utf-8")
    assert "\nName=Calm\n" in calm
    assert "\nIcon=pfrelax\n" not in calm
    assert f'Exec="{data}/pfrelax-app/pfrelax"' in calm
    assert entry.follow_discreet(False)
    assert entry.path.read_text(encoding="utf-8") == written  # install.sh's own, to the byte
    assert entry.follow_discreet(True)
    assert run([str(data / "pfrelax-app/uninstall.sh")], env, cwd=home).returncode == 0
    assert not data.exists()
