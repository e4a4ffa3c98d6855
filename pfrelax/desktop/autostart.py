"""'Start with my computer': the XDG autostart entry, the Windows Run key, a macOS LaunchAgent.

Qt-free and off by default; Settings will switch it (after the services refactor). Linux is
written, read back and removed by the tests; the Windows and macOS writers are untested here.
The entry opens the app as the person would (the tray, to come, may add a quiet start), and every
text in it is neutral.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from pfrelax import paths
from pfrelax.durable import write_private

ENTRY_NAME = "pfrelax"
DISCREET_NAME = "Calm"
# What an entry says under its name: pfrelax's words, or the neutral ones of discreet mode.
PLAIN_COMMENT = "Guided breathing and relaxation"
DISCREET_COMMENT = "A few calm minutes"
LAUNCH_AGENT_LABEL = "org.pfrelax.app"
_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def autostart_dir(environ: Mapping[str, str] | None = None) -> Path:
    """$XDG_CONFIG_HOME/autostart (~/.config/autostart when it is unset)."""
    env = os.environ if environ is None else environ
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(config) / "autostart"


def desktop_entry(command: Sequence[str], *, discreet: bool = False) -> str:
    """The .desktop text that starts `command` when the person logs in; in discreet mode it is
    called Calm and shows the neutral icon (by its path: it is not installed under a name)."""
    if discreet:
        name, comment, icon = DISCREET_NAME, DISCREET_COMMENT, str(discreet_icon_path())
    else:
        name, comment, icon = ENTRY_NAME, PLAIN_COMMENT, ENTRY_NAME
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={name}\n"
        f"Comment={comment}\n"
        f"Exec={_exec_line(command)}\n"
        f"Icon={icon}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def discreet_icon_path() -> Path:
    """The neutral icon of discreet mode: an abstract calm shape that suggests nothing."""
    return paths.assets_dir() / "icon" / "calm.svg"


def _exec_line(command: Sequence[str]) -> str:
    # The Desktop Entry spec quotes like a shell with double quotes; shlex's single quotes are
    # not part of it, so quote each argument that needs it with double quotes and escapes.
    def quote(argument: str) -> str:
        if argument and all(c.isalnum() or c in "-_./=:+," for c in argument):
            return argument
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        return f'"{escaped}"'

    return " ".join(quote(argument) for argument in command)


def parse_exec(text: str) -> list[str]:
    """The command an entry's Exec= line runs: spaces split, "…" quotes, \\ escapes in quotes."""
    arguments: list[str] = []
    current: list[str] | None = None
    quoted = escaped = False
    for char in text:
        if escaped:
            current = _grown(current, char)
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
            current = current if current is not None else []
        elif char == " " and not quoted:
            if current is not None:
                arguments.append("".join(current))
            current = None
        else:
            current = _grown(current, char)
    if current is not None:
        arguments.append("".join(current))
    return arguments


def _grown(current: list[str] | None, char: str) -> list[str]:
    """`current` with `char` appended in place (a new list only for a new argument): a copy per
    character made a long hand-edited Exec= line take minutes."""
    if current is None:
        return [char]
    current.append(char)
    return current


class XdgAutostart:
    """The entry in `folder` (autostart_dir() by default)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or autostart_dir()

    @property
    def path(self) -> Path:
        return self.folder / f"{ENTRY_NAME}.desktop"

    def enable(self, command: Sequence[str], *, discreet: bool = False) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_private(self.path, desktop_entry(command, discreet=discreet).encode("utf-8"))
        return self.path

    def is_discreet(self) -> bool:
        """Whether the entry there now goes by the discreet name."""
        try:
            return f"\nName={DISCREET_NAME}\n" in self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False

    def command(self) -> list[str] | None:
        """The command the entry starts, or None when there is no (enabled) entry."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        fields = dict(
            line.split("=", 1) for line in text.splitlines() if "=" in line and line[:1] != "#"
        )
        if fields.get("Hidden", "false") == "true" or "Exec" not in fields:
            return None
        if fields.get("X-GNOME-Autostart-enabled", "true") == "false":
            return None
        return parse_exec(fields["Exec"])

    def is_enabled(self) -> bool:
        return self.command() is not None

    def disable(self) -> bool:
        """Remove the entry; True if there was one."""
        try:
            self.path.unlink()
        except FileNotFoundError:
            return False
        return True


def launch_agent_plist(command: Sequence[str]) -> bytes:
    """A per-user LaunchAgent that runs `command` at login (macOS; untested here)."""
    import plistlib  # here: macOS only, and it brings an XML parser into every start (~2 ms)

    agent = {"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": list(command), "RunAtLoad": True}
    return plistlib.dumps(agent)


def launch_agent_path(home: Path | None = None) -> Path:
    return (home or Path.home()) / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"


def set_windows_run_key(command: Sequence[str] | None) -> None:
    """Add (or with None remove) the per-user Run value (Windows only; untested here)."""
    if sys.platform == "win32":
        _write_run_key(command)
    else:
        raise OSError("the Run key exists only on Windows")


if sys.platform == "win32":
    import subprocess
    import winreg

    def _write_run_key(command: Sequence[str] | None) -> None:
        access = winreg.KEY_SET_VALUE
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY, 0, access) as key:
            if command is None:
                with contextlib.suppress(FileNotFoundError):
                    winreg.DeleteValue(key, ENTRY_NAME)
            else:
                line = subprocess.list2cmdline(list(command))
                winreg.SetValueEx(key, ENTRY_NAME, 0, winreg.REG_SZ, line)


def enable_launch_agent(command: Sequence[str], home: Path | None = None) -> Path:
    path = launch_agent_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, launch_agent_plist(command))
    return path


def app_command() -> list[str]:
    """How to start this very app: the bundle's program, or Python with this package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "pfrelax.cli"]
