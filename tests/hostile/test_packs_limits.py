"""The limits that bound what checking a pack may cost: audio length, and how much of a zip is
ever written to disk while it is only being validated (issue 10: 4, 5)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pfrelax.formats import pack_media
from pfrelax.formats.pack import read_pack
from pfrelax.formats.pack_archive import PackSource, copy_member
from pfrelax.formats.problems import PackError

from .pack_builders import flac_claiming, pack_files, tone, with_session, zip_bytes


def test_a_recording_longer_than_any_session_is_refused_before_it_is_decoded(
    tmp_path: Path,
) -> None:
    three_hours = 3 * 60 * 60 * 48_000
    audio = flac_claiming(three_hours, tone("FLAC", "PCM_16", 1.0))
    pack = tmp_path / "long.pfpack"
    pack.write_bytes(zip_bytes(with_session(pack_files(), "audio/welcome.flac", audio)))
    with pytest.raises(PackError) as refused:
        read_pack(pack)
    assert [str(p) for p in refused.value.problems] == [
        "audio/welcome.flac: is 3 h 00 min long; a recording may be at most 2 hours, the longest "
        "a session may last"
    ]


def test_a_flac_whose_header_promises_more_than_it_holds_ends_early(tmp_path: Path) -> None:
    audio = flac_claiming(10 * 48_000, tone("FLAC", "PCM_16", 1.0))
    pack = tmp_path / "short.pfpack"
    pack.write_bytes(zip_bytes(with_session(pack_files(), "audio/welcome.flac", audio)))
    with pytest.raises(PackError) as refused:
        read_pack(pack)
    assert [str(p) for p in refused.value.problems] == [
        "audio/welcome.flac: cannot be decoded to the end (Internal psf_fseek() failed); the "
        "file may be cut short — copy or export it again"
    ]


def _text(seed: int) -> bytes:
    return random.Random(seed).randbytes(50_000).hex().encode()  # compresses like real text


def test_validating_a_zip_unpacks_only_audio_one_file_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        **pack_files(),
        "audio/second.wav": tone("WAV", "PCM_16", 0.5),
        "audio/third.ogg": tone("OGG", "VORBIS", 0.5),
        **{f"captions/part{i}.vtt": b"WEBVTT\n\n" + _text(i) for i in range(20)},
    }
    pack = tmp_path / "many.pfpack"
    pack.write_bytes(zip_bytes(files))
    unpacked: list[str] = []
    on_disk_at_once: list[int] = []
    real_copy = copy_member  # what pack_media.py calls, by the name monkeypatched below

    def copy(source: PackSource, name: str, target: Path) -> str:
        unpacked.append(name)
        on_disk_at_once.append(len(list(target.parent.parent.glob("pfrelax-probe-*/*"))))
        return real_copy(source, name, target)

    monkeypatch.setattr(pack_media, "copy_member", copy)
    assert len(read_pack(pack).files) == len(files) + 1  # and SHA256SUMS
    assert sorted(unpacked) == ["audio/second.wav", "audio/third.ogg", "audio/welcome.wav"]
    assert on_disk_at_once == [0, 0, 0]  # each gone before the next is written
