"""Packs made at test time: a small valid pack folder, its .pfpack, and hand-crafted bad zips."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import soundfile

PACK_ID = "riverside-pt.test-pack"

MANIFEST = """\
pfrelax-pack = 1
id = "riverside-pt.test-pack"
version = "{version}"
title = "Test pack"
author = "Alex Rivera, PT"
organisation = "Riverside Pelvic Health"
created = 2026-11-20
description = "A small pack for tests."
message = "Practise gently."
limits = "default"

[[plan]]
session = "soften"
weeks = "1-4"
days = "daily"
times_per_day = 2
note = "Morning and evening."

[checkin]
measures = ["distress", "pelvic_tension", "pain"]
weekly = ["pain_with_penetration"]
"""

SESSION = """\
pfrelax = 1
id = "{id}"
title = "Soften"
summary = "A short release."

[[step]]
type = "speak"
title = "Arrive"
text = "Welcome."
audio = "audio/welcome.wav"

[[step]]
type = "breathe"
title = "Drop on the in-breath"
pattern = "4-0-6-0"
cycles = 2
"""


def tone_wav(seconds: float = 0.3, rate: int = 8_000) -> bytes:
    """A short quiet sine as WAV bytes (decodable, tiny)."""
    import io

    t = np.arange(int(seconds * rate)) / rate
    buffer = io.BytesIO()
    soundfile.write(buffer, 0.1 * np.sin(2 * np.pi * 440 * t), rate, format="WAV")
    return buffer.getvalue()


def pack_files(version: str = "1.0.0", session_id: str = "soften") -> dict[str, bytes]:
    return {
        "pack.toml": MANIFEST.format(version=version).encode(),
        "sessions/soften.toml": SESSION.format(id=session_id).encode(),
        "audio/welcome.wav": tone_wav(),
    }


def with_sums(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """`files` plus a matching SHA256SUMS."""
    lines = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    )
    return {**files, "SHA256SUMS": lines.encode()}


def write_folder(root: Path, files: Mapping[str, bytes]) -> Path:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def write_zip(path: Path, files: Mapping[str, bytes], *, sums: bool = True) -> Path:
    """A plain zip of `files` (with SHA256SUMS unless `sums` is False)."""
    members = with_sums(files) if sums else dict(files)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members.items()):
            archive.writestr(name, data)
    return path


def add_raw_member(path: Path, info: zipfile.ZipInfo, data: bytes) -> None:
    """Append a hand-made member (any name, attributes or flags) to the zip at `path`."""
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(info, data)


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under `root` with its bytes (None for a folder)."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }
