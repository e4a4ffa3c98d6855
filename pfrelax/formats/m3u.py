"""An extended M3U playlist of the exported tracks, with neutral titles and relative paths."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pfrelax.durable import write_private


@dataclass(frozen=True, slots=True)
class Track:
    file_name: str  # relative to the playlist: the folder can be copied anywhere whole
    seconds: int
    title: str


def playlist_text(tracks: Sequence[Track]) -> str:
    lines = ["#EXTM3U"]
    for track in tracks:
        lines += [f"#EXTINF:{track.seconds},{track.title}", track.file_name]
    return "\n".join(lines) + "\n"


def write_playlist(path: Path, tracks: Sequence[Track]) -> None:
    """Write the playlist atomically, owner-only (OSError names the file)."""
    write_private(path, playlist_text(tracks).encode("utf-8"))
