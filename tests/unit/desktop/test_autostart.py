"""The XDG autostart entry written, read back and removed; the macOS LaunchAgent file."""

from __future__ import annotations

import plistlib
import sys
from pathlib import Path

import pytest

from pfrelax.core.discretion import condition_words_in
from pfrelax.desktop.autostart import (
    XdgAutostart,
    app_command,
    autostart_dir,
    enable_launch_agent,
    launch_agent_plist,
    parse_exec,
    set_windows_run_key,
)


def test_enable_writes_an_entry_that_reads_back_and_disable_removes_it(tmp_path: Path) -> None:
    autostart = XdgAutostart(tmp_path / "autostart")
    assert not autostart.is_enabled()
    command = ["/home/sam/.local/share/pfrelax-app/pfrelax"]
    path = autostart.enable(command)
    assert path == tmp_path / "autostart" / "pfrelax.desktop"
    assert autostart.command() == command
    assert autostart.is_enabled()
    assert autostart.disable() is True
    assert not path.exists()
    assert not autostart.is_enabled()
    assert autostart.disable() is False


def test_the_entry_is_neutral_and_owner_only(tmp_path: Path) -> None:
    path = XdgAutostart(tmp_path).enable(["pfrelax"])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n")
    assert "Type=Application" in text
    assert "Name=pfrelax" in text
    assert condition_words_in(text) == []
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "command",
    [
        ["/opt/my apps/pfrelax"],
        ["/usr/bin/python3", "-m", "pfrelax.cli"],
        ['/tmp/a "quoted" $dir/back\\slash`tick`'],
    ],
)
def test_commands_with_spaces_and_quotes_survive_the_round_trip(
    tmp_path: Path, command: list[str]
) -> None:
    autostart = XdgAutostart(tmp_path)
    autostart.enable(command)
    assert autostart.command() == command


def test_an_entry_the_desktop_disabled_counts_as_off(tmp_path: Path) -> None:
    autostart = XdgAutostart(tmp_path)
    autostart.enable(["pfrelax"])
    with autostart.path.open("a", encoding="utf-8") as entry:
        entry.write("Hidden=true\n")
    assert not autostart.is_enabled()


def test_the_folder_follows_xdg_config_home(tmp_path: Path) -> None:
    assert autostart_dir({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "autostart"
    assert autostart_dir({"HOME": str(tmp_path)}) == tmp_path / ".config" / "autostart"


def test_exec_lines_split_like_the_desktop_entry_spec() -> None:
    assert parse_exec('"/a b/c" --x  y') == ["/a b/c", "--x", "y"]
    assert parse_exec('""') == [""]


def test_the_launch_agent_runs_the_command_at_login(tmp_path: Path) -> None:
    command = ["/Applications/pfrelax.app/Contents/MacOS/pfrelax-app"]
    path = enable_launch_agent(command, home=tmp_path)
    assert path == tmp_path / "Library" / "LaunchAgents" / "org.pfrelax.app.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent == plistlib.loads(launch_agent_plist(command))
    assert agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True


@pytest.mark.skipif(sys.platform == "win32", reason="the Run key exists on Windows")
def test_the_windows_run_key_is_refused_elsewhere() -> None:
    with pytest.raises(OSError, match="only on Windows"):
        set_windows_run_key(["pfrelax"])


def test_the_app_command_runs_this_python_with_the_package() -> None:
    assert app_command() == [sys.executable, "-m", "pfrelax.cli"]
