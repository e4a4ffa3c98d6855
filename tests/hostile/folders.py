"""A folder's exact state, to check that a refusal changed nothing: paths, modes and bytes."""

from __future__ import annotations

import stat
from pathlib import Path

# Relative path -> (permission bits, bytes; None for a folder).
Snapshot = dict[str, tuple[int, bytes | None]]


def snapshot(folder: Path) -> Snapshot:
    """Every file and folder under `folder` with its permission bits and bytes ({} when the
    folder is not there), to compare before and after something that must change nothing."""
    found: Snapshot = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        mode = stat.S_IMODE(path.lstat().st_mode)
        found[str(path.relative_to(folder))] = (mode, None if path.is_dir() else path.read_bytes())
    return found


def assert_unchanged(before: Snapshot, folder: Path) -> None:
    after = snapshot(folder)
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    assert (added, removed, changed) == ([], [], []), "the folder changed"
