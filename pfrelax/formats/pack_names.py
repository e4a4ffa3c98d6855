"""Which paths may be inside a pack: relative, plain, and usable on every computer it reaches."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from pfrelax.formats import pack_limits as lim

_DRIVE = re.compile(r"^[A-Za-z]:(/|$)")
_WINDOWS_FORBIDDEN = frozenset('<>:"|?*')
_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")]
)


def name_problems(name: str) -> list[str]:
    """Why `name` is not a safe path inside a pack (empty when it is)."""
    if "\\" in name:
        return ["contains a backslash; paths in a pack use forward slashes, like audio/arrive.ogg"]
    if name.startswith("/") or _DRIVE.match(name):
        return [
            "is an absolute path; every file in a pack must be inside it, like audio/arrive.ogg"
        ]
    parts = PurePosixPath(name).parts
    if ".." in name.split("/"):
        return ["climbs out of the pack with '..'; every file in a pack must be inside it"]
    if len(name) > lim.MAX_NAME_CHARS:
        return [f"has a name over {lim.MAX_NAME_CHARS} characters; shorten it"]
    if not parts or any(part in ("", ".") for part in name.rstrip("/").split("/")):
        return ["has an empty or '.' part in its path; rename it, like audio/arrive.ogg"]
    if any(unicodedata.category(char) in ("Cc", "Cf") for char in name):
        return ["has a control or invisible character in its name; rename it"]
    return _windows_problems(name.rstrip("/").split("/"))


def _windows_problems(parts: list[str]) -> list[str]:
    """Names a Windows computer cannot hold, or holds as something else (harmless here, but a
    pack travels): `a:b` is a hidden stream, `CON` a device, `.. ` and `x.` are trimmed."""
    for part in parts:
        if part != part.rstrip(" ."):
            return [f"has '{part}' in its path, which ends with a space or a dot; rename it"]
        bad = sorted(set(part) & _WINDOWS_FORBIDDEN)
        if bad:
            return [f"has {' '.join(bad)} in its name, which Windows does not allow; rename it"]
        if part.split(".")[0].upper() in _WINDOWS_DEVICES:
            return [f"is named '{part}', a name Windows keeps for a device; rename it"]
    return []
