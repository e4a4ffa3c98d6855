"""Hostile packs and data folders made at test time: no binary fixtures, every byte built here."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pytest
import soundfile

from pfrelax import paths
from pfrelax.cli import main
from pfrelax.store.db import open_database

PACK_ID = "riverside-pt.hostile"
AUTHOR = "Alex Rivera, PT"
ORGANISATION = "Riverside Pelvic Health"

MANIFEST = """\
pfrelax-pack = 1
id = "{pack_id}"
version = "{version}"
title = "{title}"
author = "{author}"
organisation = "{organisation}"
created = 2026-11-20
message = "Practise gently."
"""

SESSION = """\
pfrelax = 1
id = "soften"
title = "Soften"

[[step]]
type = "speak"
text = "Welcome."
audio = "audio/welcome.wav"

[[step]]
type = "breathe"
pattern = "4-6"
cycles = 2
"""


def manifest(
    *,
    version: str = "1.0.0",
    title: str = "Hostile test pack",
    author: str = AUTHOR,
    organisation: str = ORGANISATION,
    pack_id: str = PACK_ID,
    extra: str = "",
) -> bytes:
    text = MANIFEST.format(
        pack_id=pack_id, version=version, title=title, author=author, organisation=organisation
    )
    return (text + extra).encode()


def tone_wav(seconds: float = 0.3, rate: int = 8_000) -> bytes:
    """A short quiet sine as WAV bytes."""
    t = np.arange(int(seconds * rate)) / rate
    buffer = io.BytesIO()
    soundfile.write(buffer, 0.1 * np.sin(2 * np.pi * 440 * t), rate, format="WAV")
    return buffer.getvalue()


def tone(fmt: str, subtype: str | None, seconds: float, rate: int = 48_000) -> bytes:
    """`seconds` of a quiet sine encoded by libsndfile (OGG/VORBIS, OGG/OPUS, FLAC, …)."""
    t = np.arange(int(seconds * rate)) / rate
    samples = 0.1 * np.sin(2 * np.pi * 440 * t)
    buffer = io.BytesIO()
    with soundfile.SoundFile(buffer, "w", rate, 1, subtype, format=fmt) as out:
        for start in range(0, len(samples), rate):  # libsndfile's vorbis encoder crashes on
            out.write(samples[start : start + rate])  # one large write; a second at a time
    return buffer.getvalue()


def pack_files(**manifest_fields: str) -> dict[str, bytes]:
    """A small valid pack: manifest, one session, its narration."""
    return {
        "pack.toml": manifest(**manifest_fields),
        "sessions/soften.toml": SESSION.encode(),
        "audio/welcome.wav": tone_wav(),
    }


def checksums(files: Mapping[str, bytes]) -> bytes:
    return "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n"
        for name, data in sorted(files.items())
        if name != "SHA256SUMS"
    ).encode()


def with_sums(files: Mapping[str, bytes]) -> dict[str, bytes]:
    return {**files, "SHA256SUMS": checksums(files)}


def zip_bytes(
    files: Mapping[str, bytes],
    *,
    sums: bool = True,
    method: int = zipfile.ZIP_DEFLATED,
    level: int = 6,
) -> bytes:
    members = with_sums(files) if sums else dict(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method, compresslevel=level) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 11, 20, 0, 0, 0)), data, method, level)
    return buffer.getvalue()


def write_pack(path: Path, files: Mapping[str, bytes], *, sums: bool = True) -> Path:
    path.write_bytes(zip_bytes(files, sums=sums))
    return path


def zip64_locator_at(offset: int, files: Mapping[str, bytes]) -> bytes:
    """A valid pack whose end record claims zip64, with a locator pointing at `offset`."""
    data = zip_bytes(files)
    eocd_at = data.rfind(b"PK\x05\x06")
    eocd = bytearray(data[eocd_at:])
    struct.pack_into("<H", eocd, 10, 0xFFFF)  # "more entries than 16 bits hold": see zip64
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, offset, 1)
    return data[:eocd_at] + locator + bytes(eocd)


# -- the data folder and the command line ------------------------------------------------------
def make_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PFRELAX_HOME with its database and packs folder, as after a first run."""
    root = tmp_path / "home"
    monkeypatch.setenv("PFRELAX_HOME", str(root))
    paths.packs_dir()
    open_database(paths.database_path()).close()
    return root


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`pfrelax ARGV…` in this process: (exit status, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def with_session(files: Mapping[str, bytes], audio_name: str, audio: bytes) -> dict[str, bytes]:
    """`files` with the session's narration replaced by `audio_name` holding `audio`."""
    session = SESSION.replace("audio/welcome.wav", audio_name).encode()
    rest = {k: v for k, v in files.items() if k != "audio/welcome.wav"}
    return {**rest, "sessions/soften.toml": session, audio_name: audio}


def cut(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def outcome(result: tuple[int, str, str]) -> tuple[int, str, list[str], bool]:
    """(exit status, stdout, stderr lines, whether a traceback was printed): compared whole in
    the tests, so a refusal is exit 1, the exact lines on stderr, nothing else, no traceback."""
    code, out, err = result
    return code, out, err.splitlines(), "Traceback" in out + err


def refused(expected: list[str]) -> tuple[int, str, list[str], bool]:
    return 1, "", expected, False


# -- the state of the packs folder, for the crash tests ----------------------------------------
LEFTOVER_PREFIXES = (".staging-", ".old-", ".intent-")


def installed_state(pack_id: str = PACK_ID) -> str:
    """The installed version of `pack_id` ("absent" when none), after checking that the
    registry and the folder agree and that every file matches the folder's SHA256SUMS."""
    from pfrelax.formats.pack_manifest import parse_manifest
    from pfrelax.store.packs import InstalledPacks

    folder = paths.packs_dir() / pack_id
    with open_database(paths.database_path()) as db:
        record = InstalledPacks(db).get(pack_id)
    if record is None:
        assert not folder.exists(), "a pack folder the registry does not list"
        return "absent"
    assert record.folder == folder
    manifest, problems = parse_manifest((folder / "pack.toml").read_text(encoding="utf-8"))
    assert (problems, manifest.version) == ([], record.version), "registry and folder disagree"
    listed = dict(
        _name_and_digest(line)
        for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    )
    on_disk = {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and path.name != "SHA256SUMS"
    }
    # The measured levels are installed by the same swap: present, whole, naming its recordings.
    from pfrelax.audio.recording_levels import LEVELS_FILE

    recordings = {name for name in listed if name.endswith((".wav", ".ogg", ".flac", ".mp3"))}
    if on_disk.pop(LEVELS_FILE, None) is not None or recordings:
        levels = json.loads((folder / LEVELS_FILE).read_bytes())
        assert set(levels["files"]) == recordings, "the levels are missing or partial"
    assert on_disk == listed, "the installed pack is incomplete or damaged"
    return record.version


def leftovers() -> list[str]:
    return sorted(
        p.name for p in paths.packs_dir().iterdir() if p.name.startswith(LEFTOVER_PREFIXES)
    )


# -- random TOML, for the property tests ---------------------------------------------------------
def toml_value(value: object) -> str:
    """TOML for what the property tests' strategies make: scalars, lists, inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }"
    return str(value)  # dates and times: TOML writes them as Python prints them (isoformat)


def toml_string(text: str) -> str:
    """A basic string with every character TOML requires escaped (and any other as itself)."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F or 0xD800 <= ord(char) <= 0xDFFF:
            out.append(f"\\u{ord(char):04x}" if not 0xD800 <= ord(char) <= 0xDFFF else "?")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_document(top: Mapping[str, object], tables: Mapping[str, list[dict[str, object]]]) -> str:
    """Top-level keys, then each array of tables (`[[step]]`, `[[plan]]`) in turn."""
    lines = [f"{toml_string(key)} = {toml_value(value)}" for key, value in top.items()]
    for name, entries in tables.items():
        for entry in entries:
            lines.append(f"[[{name}]]")
            lines += [f"{toml_string(key)} = {toml_value(value)}" for key, value in entry.items()]
    return "\n".join(lines) + "\n"


def flac_claiming(frames: int, data: bytes) -> bytes:
    """FLAC `data` whose header (STREAMINFO) claims `frames` samples: a lying length."""
    assert data[:4] == b"fLaC"
    packed = int.from_bytes(data[18:26], "big")
    packed = (packed & ~((1 << 36) - 1)) | frames
    return data[:18] + packed.to_bytes(8, "big") + data[26:]


def _name_and_digest(line: str) -> tuple[str, str]:
    """A SHA256SUMS line ("digest  name") as (name, digest)."""
    digest, name = line.split("  ", 1)
    return name, digest
