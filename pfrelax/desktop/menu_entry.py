"""The menu entry the Linux bundle's install.sh wrote, renamed "Calm" (and back) with discreet mode.

install.sh writes `$XDG_DATA_HOME/applications/pfrelax.desktop` (~/.local/share when unset). The
desktop shows its Name, Comment and Icon in the applications menu, and (matching the window by
StartupWMClass) in the taskbar and dock, so in discreet mode they must be neutral too. Only a file
that is ours is touched: it exists, is a plain file (not a link), and starts the installed app.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pfrelax.desktop.autostart import (
    DISCREET_COMMENT,
    DISCREET_NAME,
    ENTRY_NAME,
    PLAIN_COMMENT,
    discreet_icon_path,
    parse_exec,
)
from pfrelax.durable import write_private

# What install.sh's Exec= starts: "$XDG_DATA_HOME/pfrelax-app/pfrelax".
INSTALLED_PROGRAM = ("pfrelax-app", "pfrelax")
_GROUP = "[Desktop Entry]"
_SHOWN_KEYS = ("Name", "Comment", "Icon")
# install.sh writes a few hundred bytes; a larger file is someone else's and is not read.
MAX_ENTRY_BYTES = 64 * 1024


def applications_dir(environ: Mapping[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME/applications (~/.local/share/applications when it is unset)."""
    env = os.environ if environ is None else environ
    data = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".local/share")
    return Path(data) / "applications"


def shown_values(discreet: bool) -> dict[str, str]:
    """Name, Comment and Icon: install.sh's own, or the neutral ones of discreet mode."""
    if discreet:
        return {
            "Name": DISCREET_NAME,
            "Comment": DISCREET_COMMENT,
            "Icon": str(discreet_icon_path()),
        }
    return {"Name": ENTRY_NAME, "Comment": PLAIN_COMMENT, "Icon": ENTRY_NAME}


def is_ours(text: str) -> bool:
    """A desktop entry whose Exec= starts the app install.sh installed."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != _GROUP:
        return False
    for line in _group_lines(lines):
        key, _, value = line.partition("=")
        if key.strip() == "Exec":
            command = parse_exec(value.strip())
            return bool(command) and Path(command[0]).parts[-2:] == INSTALLED_PROGRAM
    return False


def renamed(text: str, discreet: bool) -> str:
    """`text` with Name, Comment and Icon set for `discreet`, each where it was (their
    translations, which some languages would show instead, left out); every other line kept."""
    values = shown_values(discreet)
    out: list[str] = []
    in_group = False
    written: set[str] = set()

    def end_group() -> None:  # the shown keys the group did not have go at its end
        if in_group:
            out.extend(f"{key}={value}" for key, value in values.items() if key not in written)

    for line in text.splitlines():
        if line.startswith("["):
            end_group()
            in_group = line.strip() == _GROUP
            out.append(line)
            continue
        key = line.partition("=")[0].strip()
        if in_group and key.split("[", 1)[0] in values:
            if key in values and key not in written:
                written.add(key)
                out.append(f"{key}={values[key]}")
            continue  # a translation, or the same key again
        out.append(line)
    end_group()
    return "\n".join(out) + "\n"


class InstalledMenuEntry:
    """The entry in `folder` (applications_dir() by default)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or applications_dir()

    @property
    def path(self) -> Path:
        return self.folder / f"{ENTRY_NAME}.desktop"

    def follow_discreet(self, discreet: bool) -> bool:
        """Rewrite the entry for `discreet` if it is there, ours and not so already; True when
        it was rewritten. OSError (with the file's name) when it cannot be read or replaced."""
        if self.path.is_symlink() or not self.path.is_file():
            return False
        if self.path.stat().st_size > MAX_ENTRY_BYTES:
            return False
        text = self.path.read_text(encoding="utf-8")
        if not is_ours(text):
            return False
        wanted = renamed(text, discreet)
        if wanted == text:
            return False
        write_private(self.path, wanted.encode("utf-8"))
        return True


def _group_lines(lines: list[str]) -> list[str]:
    """The lines of the first group, [Desktop Entry] (`lines` starts with its name)."""
    group: list[str] = []
    for line in lines[1:]:
        if line.startswith("["):
            break
        group.append(line)
    return group
