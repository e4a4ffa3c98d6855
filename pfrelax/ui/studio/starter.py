"""Starting points for the studio: a new pack's folder, and a session copied from a built-in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pfrelax import paths
from pfrelax.durable import write_private

NEW_MANIFEST = """\
pfrelax-pack = 1
id = "my-practice.home-programme"
version = "1.0.0"
title = "Home programme"
author = "Your name"
created = {today}
message = \"\"\"
A few calm minutes a day. Go gently, and stop if anything hurts.\"\"\"
limits = "default"
"""
_ID_LINE = re.compile(r'^id = "([^"]*)"', re.MULTILINE)


def new_pack_folder(folder: Path, *, today: date | None = None) -> None:
    """A manifest and one session (the calm 4-6 built-in) in `folder`, which must be empty."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty; choose an empty folder for a new pack")
    (folder / "sessions").mkdir()
    manifest = NEW_MANIFEST.format(today=(today or date.today()).isoformat())
    write_private(folder / "pack.toml", manifest.encode("utf-8"))
    template = paths.builtin_sessions_dir() / "coherent-5-5.toml"
    stem, text = session_from_template(template, [])
    write_private(folder / "sessions" / f"{stem}.toml", text.encode("utf-8"))


def session_from_template(template: Path, taken: Sequence[str]) -> tuple[str, str]:
    """A built-in session's text under an id not yet in the pack: (file stem, text)."""
    text = template.read_text(encoding="utf-8")
    match = _ID_LINE.search(text)
    base = match.group(1) if match else template.stem
    stem, n = base, 1
    while f"sessions/{stem}.toml" in taken:
        n += 1
        stem = f"{base}-{n}"
    return stem, _ID_LINE.sub(f'id = "{stem}"', text, count=1)
