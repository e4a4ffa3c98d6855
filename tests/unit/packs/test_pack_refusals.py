"""Every refusal PACK-FORMAT.md lists: its exact message, and the data folder left as it was."""

from __future__ import annotations

import stat
import struct
import zipfile
from pathlib import Path

import pytest

from pfrelax.formats.problems import PackError
from tests.pack_service import install_pack

from .packkit import add_raw_member, pack_files, snapshot, tone_wav, with_sums, write_zip


def refused(home: Path, pack: Path) -> list[str]:
    """Try to install `pack`; return its problems after checking nothing in `home` changed."""
    before = snapshot(home)
    with pytest.raises(PackError) as caught:
        install_pack(pack)
    assert snapshot(home) == before
    return [str(problem) for problem in caught.value.problems]


def a_pack_with(tmp_path: Path, **changes: bytes) -> Path:
    files = pack_files()
    for name, data in changes.items():
        files[name.replace("__", "/").replace("_dot_", ".")] = data
    return write_zip(tmp_path / "test.pfpack", files)


def crafted(tmp_path: Path, info: zipfile.ZipInfo, data: bytes) -> Path:
    pack = write_zip(tmp_path / "test.pfpack", pack_files())
    add_raw_member(pack, info, data)
    return pack


# -- the archive ------------------------------------------------------------------------------
def test_a_member_climbing_out_with_dotdot_is_refused(home: Path, tmp_path: Path) -> None:
    pack = crafted(tmp_path, zipfile.ZipInfo("../evil.sh"), b"rm -rf ~")
    assert refused(home, pack) == [
        "../evil.sh: climbs out of the pack with '..'; every file in a pack must be inside it"
    ]
    assert not (home / "data" / "evil.sh").exists()


def test_a_member_with_an_absolute_path_is_refused(home: Path, tmp_path: Path) -> None:
    pack = crafted(tmp_path, zipfile.ZipInfo("/etc/cron.d/evil"), b"* * * * * evil")
    assert refused(home, pack) == [
        "/etc/cron.d/evil: is an absolute path; every file in a pack must be inside it, "
        "like audio/arrive.ogg"
    ]


def test_drive_letters_and_backslashes_are_refused(home: Path, tmp_path: Path) -> None:
    pack = crafted(tmp_path, zipfile.ZipInfo("C:/Windows/evil.dll"), b"MZ")
    add_raw_member(pack, zipfile.ZipInfo("audio\\x.wav"), b"RIFF")
    assert refused(home, pack) == [
        "C:/Windows/evil.dll: is an absolute path; every file in a pack must be inside it, "
        "like audio/arrive.ogg",
        "audio\\x.wav: contains a backslash; paths in a pack use forward slashes, "
        "like audio/arrive.ogg",
    ]


def test_a_symlink_member_is_refused(home: Path, tmp_path: Path) -> None:
    info = zipfile.ZipInfo("audio/link.wav")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    pack = crafted(tmp_path, info, b"/etc/passwd")
    assert refused(home, pack) == ["audio/link.wav: is a link; a pack may hold only plain files"]


def test_an_encrypted_member_is_refused(home: Path, tmp_path: Path) -> None:
    pack = crafted(tmp_path, zipfile.ZipInfo("audio/secret.wav"), b"x" * 20)
    _patch_directory(pack, "audio/secret.wav", 8, "<H", 0x1)  # zipfile cannot write it itself
    assert refused(home, pack) == [
        "audio/secret.wav: is encrypted; a pack cannot be password-protected"
    ]


def test_a_name_written_twice_is_refused(home: Path, tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "test.pfpack", pack_files())
    with pytest.warns(UserWarning, match="Duplicate name"):
        add_raw_member(pack, zipfile.ZipInfo("pack.toml"), b"pfrelax-pack = 1\n")
    assert refused(home, pack) == [
        "pack.toml: appears more than once in the archive; build the pack again"
    ]


def test_a_zip_bomb_by_ratio_is_refused(home: Path, tmp_path: Path) -> None:
    bomb = zipfile.ZipInfo("audio/zeros.wav")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    pack = crafted(tmp_path, bomb, bytes(5_000_000))
    with zipfile.ZipFile(pack) as archive:
        info = archive.getinfo("audio/zeros.wav")
    ratio = info.file_size / info.compress_size
    assert refused(home, pack) == [
        f"audio/zeros.wav: unpacks to {ratio:,.0f} times its packed size; over 100 times is "
        "refused as a possible zip bomb"
    ]


def _patch_directory(pack: Path, name: str, offset: int, layout: str, value: int) -> None:
    """Overwrite a field of `name`'s central directory entry (a header that lies)."""
    data = bytearray(pack.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length].decode() == name:
            struct.pack_into(layout, data, at + offset, value)
        at = data.find(b"PK\x01\x02", at + 4)
    pack.write_bytes(bytes(data))


def _declare_size(pack: Path, name: str, size: int) -> None:
    _patch_directory(pack, name, 24, "<L", size)  # the uncompressed size


def test_a_zip_bomb_by_total_size_is_refused(home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "test.pfpack"
    files = with_sums(pack_files())
    noise = {f"audio/big{n}.wav": bytes(range(256)) * 8_000 for n in range(3)}  # 2 MB each
    with zipfile.ZipFile(pack, "w", zipfile.ZIP_STORED) as archive:
        for name, data in {**files, **noise}.items():
            archive.writestr(name, data)
    for name in noise:
        _declare_size(pack, name, 190_000_000)  # 95:1, under the per-file limit, 570 MB in all
    assert refused(home, pack) == [
        "test.pfpack: unpacks to 570 MB in all; a pack may be at most 500 MB"
    ]


def test_a_member_over_the_size_limit_is_refused(home: Path, tmp_path: Path) -> None:
    pack = crafted(tmp_path, zipfile.ZipInfo("audio/long.wav"), bytes(range(256)) * 8_000)
    _declare_size(pack, "audio/long.wav", 201_000_000)
    assert refused(home, pack)[0] == (
        "audio/long.wav: is 201 MB unpacked; a file in a pack may be at most 200 MB"
    )


def test_a_header_that_understates_a_size_is_caught_while_reading(
    home: Path, tmp_path: Path
) -> None:
    pack = write_zip(tmp_path / "test.pfpack", pack_files())
    _declare_size(pack, "pack.toml", 100)
    # zipfile stops at the declared size, so the read is bounded; the checksum then fails.
    assert refused(home, pack) == [
        "pack.toml: cannot be read (Bad CRC-32 for file 'pack.toml'); the pack is damaged, "
        "so build it again"
    ]


def test_too_many_members_are_refused_before_the_directory_is_read(
    home: Path, tmp_path: Path
) -> None:
    files = pack_files()
    files.update({f"captions/{n}.vtt": b"WEBVTT\n" for n in range(1_998)})
    pack = write_zip(tmp_path / "test.pfpack", files)  # + SHA256SUMS = 2,002 members
    assert refused(home, pack) == ["test.pfpack: holds 2,002 files; a pack may hold at most 2,000"]


def test_a_file_that_is_not_a_zip_is_refused(home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "holiday.pfpack"
    pack.write_bytes(b"%PDF-1.7 not a zip")
    assert refused(home, pack) == [
        "holiday.pfpack: is not a pfrelax pack: it is not a zip archive. Choose a .pfpack "
        "file, or a folder with a pack.toml in it"
    ]


# -- the manifest -----------------------------------------------------------------------------
def test_a_missing_manifest_is_refused(home: Path, tmp_path: Path) -> None:
    files = pack_files()
    files["release/pack.toml"] = files.pop("pack.toml")
    pack = write_zip(tmp_path / "test.pfpack", files)
    assert refused(home, pack) == [
        "pack.toml: is missing at the top of the pack (found release/pack.toml); zip the "
        "folder's contents rather than the folder, or use `pfrelax pack build`"
    ]


def test_an_oversized_manifest_is_refused(home: Path, tmp_path: Path) -> None:
    manifest = pack_files()["pack.toml"] + b"# padding\n" * 7_000
    pack = a_pack_with(tmp_path, pack_dot_toml=manifest)
    assert refused(home, pack) == ["pack.toml: is 70 KB; it may be at most 64 KB"]


def test_invalid_toml_is_refused_with_its_line_and_column(home: Path, tmp_path: Path) -> None:
    manifest = pack_files()["pack.toml"].replace(b'title = "Test pack"', b"title = Test pack")
    pack = a_pack_with(tmp_path, pack_dot_toml=manifest)
    assert refused(home, pack) == [
        "pack.toml:4: TOML syntax error at column 9: Invalid value; text must be in double "
        'quotes, e.g. title = "Evening calm"'
    ]


def test_an_unknown_key_is_refused_with_a_suggestion(home: Path, tmp_path: Path) -> None:
    manifest = b'autor = "Sam"\n' + pack_files()["pack.toml"]
    pack = a_pack_with(tmp_path, pack_dot_toml=manifest)
    assert refused(home, pack) == [
        "pack.toml:1: autor: unknown key 'autor'; did you mean 'author'?"
    ]


def test_a_newer_format_version_is_refused_clearly(home: Path, tmp_path: Path) -> None:
    manifest = pack_files()["pack.toml"].replace(b"pfrelax-pack = 1", b"pfrelax-pack = 2")
    pack = a_pack_with(tmp_path, pack_dot_toml=manifest + b"new_thing = true\n")
    assert refused(home, pack) == [
        "pack.toml:1: pfrelax-pack: this pack is written for pack format 2; this version of "
        "pfrelax reads format 1. Update pfrelax to import it."
    ]


# -- sessions, files, audio, checksums --------------------------------------------------------
def test_a_plan_naming_a_session_the_pack_lacks_is_refused(home: Path, tmp_path: Path) -> None:
    manifest = pack_files()["pack.toml"].replace(b'session = "soften"', b'session = "softn"')
    pack = a_pack_with(tmp_path, pack_dot_toml=manifest)
    assert refused(home, pack) == [
        "pack.toml:13: plan[0].session: there is no session 'softn' in this pack; "
        "did you mean 'soften'?"
    ]


def test_an_audio_file_the_pack_lacks_is_refused(home: Path, tmp_path: Path) -> None:
    files = pack_files()
    del files["audio/welcome.wav"]
    pack = write_zip(tmp_path / "test.pfpack", files)
    assert refused(home, pack) == [
        "sessions/soften.toml:10: step[0].audio: audio file 'audio/welcome.wav' is not in the pack"
    ]


def test_audio_that_cannot_be_decoded_is_refused(home: Path, tmp_path: Path) -> None:
    pack = a_pack_with(tmp_path, audio__welcome_dot_wav=b"not audio at all")
    assert refused(home, pack) == [
        "audio/welcome.wav: cannot be decoded (Format not recognised); re-export it as wav, "
        "flac, ogg or mp3"
    ]


def test_a_checksum_mismatch_is_refused(home: Path, tmp_path: Path) -> None:
    files = with_sums(pack_files())
    files["audio/welcome.wav"] = tone_wav(seconds=0.4)  # changed after the sums were written
    pack = write_zip(tmp_path / "test.pfpack", files, sums=False)
    assert refused(home, pack) == [
        "audio/welcome.wav: does not match its checksum in SHA256SUMS; the file was changed "
        "or damaged after the pack was built"
    ]


def test_files_missing_from_or_unlisted_in_the_checksums_are_refused(
    home: Path, tmp_path: Path
) -> None:
    files = with_sums(pack_files())
    files["SHA256SUMS"] += b"0" * 64 + b"  audio/gone.wav\n"
    files["audio/extra.wav"] = tone_wav()
    pack = write_zip(tmp_path / "test.pfpack", files, sums=False)
    assert refused(home, pack) == [
        "audio/gone.wav: is listed in SHA256SUMS but is not in the pack",
        "audio/extra.wav: is not listed in SHA256SUMS; build the pack again with "
        "`pfrelax pack build`",
    ]


def test_a_pfpack_without_checksums_is_refused(home: Path, tmp_path: Path) -> None:
    pack = write_zip(tmp_path / "test.pfpack", pack_files(), sums=False)
    assert refused(home, pack) == [
        "SHA256SUMS: is missing; build the pack with `pfrelax pack build` so that it has one"
    ]


def test_duplicate_session_ids_are_refused(home: Path, tmp_path: Path) -> None:
    files = pack_files()
    files["sessions/soften2.toml"] = files["sessions/soften.toml"]
    pack = write_zip(tmp_path / "test.pfpack", files)
    assert refused(home, pack) == [
        "sessions/soften2.toml: id: 'soften' is also the id of sessions/soften.toml; "
        "give each session its own id"
    ]


def test_every_problem_of_a_pack_is_listed_at_once(home: Path, tmp_path: Path) -> None:
    files = pack_files()
    files["pack.toml"] = files["pack.toml"].replace(b'"1.0.0"', b'"1.0"')
    files["sessions/soften.toml"] = files["sessions/soften.toml"].replace(b"4-0-6-0", b"4-0-45-0")
    files["audio/welcome.wav"] = b"RIFF broken"
    pack = write_zip(tmp_path / "test.pfpack", files)
    assert refused(home, pack) == [
        "pack.toml:3: version: '1.0' is not a valid version; write a version like '1.0.0' "
        "(major.minor.patch)",
        "sessions/soften.toml:15: step[1].pattern.exhale: 45 s is over the 15 s maximum",
        "audio/welcome.wav: cannot be decoded (Format not recognised); re-export it as wav, "
        "flac, ogg or mp3",
    ]


def test_a_file_clashing_with_a_folder_name_is_refused(home: Path, tmp_path: Path) -> None:
    files = pack_files()
    files["audio"] = b"a file where a folder must be"
    pack = write_zip(tmp_path / "test.pfpack", files)
    assert refused(home, pack) == [
        "audio/welcome.wav: clashes with another file or folder of the same name; rename one"
    ]


def test_a_member_with_an_empty_name_is_refused(home: Path, tmp_path: Path) -> None:
    pack = crafted(tmp_path, zipfile.ZipInfo("x"), b"x")
    data = bytearray(pack.read_bytes())
    directory = data.rfind(b"PK\x01\x02")  # the last entry: "x"
    struct.pack_into("<H", data, directory + 28, 0)  # its name is now empty
    data[directory + 46 : directory + 47] = b""
    end = data.rfind(b"PK\x05\x06")
    size = struct.unpack_from("<L", data, end + 12)[0]
    struct.pack_into("<L", data, end + 12, size - 1)
    pack.write_bytes(bytes(data))
    assert refused(home, pack) == [
        "(a file with no name): has an empty or '.' part in its path; rename it, "
        "like audio/arrive.ogg"
    ]
