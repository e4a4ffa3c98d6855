"""The layers contract's one exception stays narrow: formats reaches audio only to decode and
probe media (and for the levels file's name), never for anything new (issue 11)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pfrelax

PYPROJECT = Path(pfrelax.__file__).parent.parent / "pyproject.toml"
ALLOWED = {
    "pfrelax.formats.pack_media -> pfrelax.audio.decode",
    "pfrelax.formats.pack_media -> pfrelax.audio.probe",
    "pfrelax.formats.pack_questions -> pfrelax.audio.recording_levels",
    "pfrelax.formats.session_media -> pfrelax.audio.decode",
    "pfrelax.formats.session_media -> pfrelax.audio.probe",
}


def ignored_imports() -> set[str]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return {line for contract in contracts for line in contract.get("ignore_imports", [])}


def test_only_the_documented_formats_to_audio_imports_are_ignored() -> None:
    assert ignored_imports() <= ALLOWED
