"""The pack studio's use cases: open a PT's pack for editing, check it, save the folder or the
`.pfpack`. The studio's widgets come here, never to the formats layer (ARCHITECTURE "Services")."""

from __future__ import annotations

from pathlib import Path

from pfrelax.formats.pack_source import PackSource, TomlFile, check, open_pack_source
from pfrelax.formats.pack_source import save_folder as write_folder
from pfrelax.formats.pack_source import save_pack as write_pack
from pfrelax.formats.problems import FormatError, Problem

__all__ = ["FormatError", "PackSource", "Problem", "TomlFile", "check_pack", "open_pack"]


def open_pack(path: Path) -> PackSource:
    """A pack folder or `.pfpack`, opened for editing (FormatError names what cannot be read)."""
    return open_pack_source(path)


def check_pack(source: PackSource) -> list[Problem]:
    """Every problem the validator finds in the pack as it is now; nothing is saved."""
    return check(source)


def save_folder(source: PackSource, folder: Path) -> list[str]:
    """Write the authoring folder (only changed files when it is the one opened)."""
    return write_folder(source, folder)


def save_pack(source: PackSource, folder: Path, output: Path) -> Path:
    """Save the folder, then build `output` from it exactly as `pfrelax pack build` does."""
    return write_pack(source, folder, output)
