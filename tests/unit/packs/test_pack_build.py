"""Building a .pfpack: validated, checksummed, reproducible to the byte, and read back."""

from __future__ import annotations

import hashlib
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from pfrelax.formats.pack import read_pack
from pfrelax.formats.pack_build import build_pack
from pfrelax.formats.problems import PackError

from .packkit import pack_files, write_folder

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "riverside-release"


def test_the_same_folder_always_builds_the_same_bytes(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    first = build_pack(folder, tmp_path / "first.pfpack").read_bytes()
    copy = shutil.copytree(folder, tmp_path / "copy")  # new mtimes, same content
    (copy / "pack.toml").chmod(0o600)
    second = build_pack(copy, tmp_path / "second.pfpack").read_bytes()
    assert first == second


def test_the_zip_is_sorted_with_fixed_times_modes_and_no_extras(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    built = build_pack(folder, tmp_path / "out.pfpack")
    with zipfile.ZipFile(built) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.external_attr >> 16 == 0o100644
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.extra == b""


def test_checksums_list_every_file_sorted(tmp_path: Path) -> None:
    files = pack_files()
    folder = write_folder(tmp_path / "pack", files)
    built = build_pack(folder, tmp_path / "out.pfpack")
    with zipfile.ZipFile(built) as archive:
        sums = archive.read("SHA256SUMS").decode()
    assert sums == "".join(
        f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files)
    )


def test_dot_files_stay_out_and_an_old_checksum_file_is_rewritten(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    (folder / ".DS_Store").write_bytes(b"junk")
    (folder / "SHA256SUMS").write_text("stale\n")
    built = build_pack(folder, tmp_path / "out.pfpack")
    assert ".DS_Store" not in read_pack(built).files
    assert (folder / "SHA256SUMS").read_text() == "stale\n"  # the author's folder is not touched


def test_an_invalid_folder_builds_nothing(tmp_path: Path) -> None:
    files = pack_files()
    files["sessions/soften.toml"] = files["sessions/soften.toml"].replace(b"4-0-6-0", b"4-0-60-0")
    folder = write_folder(tmp_path / "pack", files)
    with pytest.raises(PackError, match=r"step\[1\]\.pattern\.exhale: 60 s is over"):
        build_pack(folder, tmp_path / "out.pfpack")
    assert list(tmp_path.iterdir()) == [folder]


def test_the_example_pack_builds(tmp_path: Path) -> None:
    built = build_pack(EXAMPLE, tmp_path / "riverside.pfpack")
    pack = read_pack(built)
    assert [s.id for s in pack.sessions] == [
        "arrive-and-soften",
        "before-dilator",
        "evening-release",
        "find-the-let-go",
        "practice-with-the-breath",
    ]
    assert built.stat().st_size < 1_000_000


def _phone_recording(path: Path) -> None:
    av = pytest.importorskip("av", reason="m4a conversion needs the authoring extra (PyAV)")
    import numpy as np

    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=44_100)
        samples = (0.1 * np.sin(np.arange(44_100) / 10)).astype(np.float32).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(samples, format="flt", layout="mono")
        frame.sample_rate = 44_100
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def _with_m4a(tmp_path: Path) -> Path:
    files = pack_files()
    del files["audio/welcome.wav"]
    files["sessions/soften.toml"] = files["sessions/soften.toml"].replace(
        b"audio/welcome.wav", b"audio/welcome.m4a"
    )
    folder = write_folder(tmp_path / "pack", files)
    (folder / "audio").mkdir()
    return folder


def test_phone_recordings_are_converted_to_ogg_during_the_build(tmp_path: Path) -> None:
    folder = _with_m4a(tmp_path)
    _phone_recording(folder / "audio" / "welcome.m4a")
    built = build_pack(folder, tmp_path / "out.pfpack")
    pack = read_pack(built)
    assert "audio/welcome.ogg" in pack.files
    assert "audio/welcome.m4a" not in pack.files
    assert b'audio = "audio/welcome.ogg"' in pack.read_bytes("sessions/soften.toml")
    assert 900 <= pack.audio_ms["audio/welcome.ogg"] <= 1_100
    assert build_pack(folder, tmp_path / "again.pfpack").read_bytes() == built.read_bytes()
    assert (folder / "audio" / "welcome.m4a").is_file()  # the author's recording is kept


def test_without_pyav_the_build_says_how_to_convert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _with_m4a(tmp_path)
    (folder / "audio" / "welcome.m4a").write_bytes(b"\x00\x00\x00\x18ftypM4A ")
    monkeypatch.setitem(sys.modules, "av", None)  # as if the authoring extra were not installed
    with pytest.raises(PackError) as caught:
        build_pack(folder, tmp_path / "out.pfpack")
    assert [str(p) for p in caught.value.problems] == [
        "audio/welcome.m4a: is AAC audio (a phone recording), which pfrelax cannot play; convert "
        "it with `ffmpeg -i audio/welcome.m4a audio/welcome.ogg` and name the .ogg in the "
        "session, or install the authoring extra (`make run` does; in the pfrelax folder: "
        "`.venv/bin/pip install -c constraints.txt -e '.[authoring]'`) and the build converts it "
        "for you"
    ]


def test_an_empty_folder_is_told_its_pack_toml_is_missing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(PackError) as caught:
        build_pack(tmp_path / "empty", tmp_path / "out.pfpack")
    assert [problem.file for problem in caught.value.problems] == ["pack.toml"]


def test_a_pack_built_into_its_own_folder_does_not_ship_the_last_build(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    first = build_pack(folder, folder / "mine.pfpack").read_bytes()
    second = build_pack(folder, folder / "mine.pfpack").read_bytes()
    assert first == second
    assert "mine.pfpack" not in read_pack(folder / "mine.pfpack").files


def test_the_build_never_overwrites_one_of_the_authors_files(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    manifest = (folder / "pack.toml").read_bytes()
    with pytest.raises(PackError) as caught:
        build_pack(folder, folder / "pack.toml")
    assert caught.value.problems[0].file == "pack.toml"
    assert "-o pack.pfpack" in caught.value.problems[0].message
    assert (folder / "pack.toml").read_bytes() == manifest
