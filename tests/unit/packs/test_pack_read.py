"""Reading a valid pack, and the manifest's field-by-field messages (all listed at once)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pfrelax.core.limits import CLINICIAN_LIMITS, DEFAULT_LIMITS
from pfrelax.core.plan import PlanEntry
from pfrelax.formats.pack import read_pack
from pfrelax.formats.pack_manifest import version_key
from pfrelax.formats.problems import PackError
from pfrelax.services.catalog import timeline as session_timeline

from .packkit import PACK_ID, pack_files, with_sums, write_folder, write_zip


def problems_of(path: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        read_pack(path)
    return [str(problem) for problem in caught.value.problems]


def with_manifest(tmp_path: Path, old: bytes, new: bytes) -> Path:
    files = pack_files()
    assert old in files["pack.toml"]
    files["pack.toml"] = files["pack.toml"].replace(old, new)
    return write_folder(tmp_path / "pack", files)


def test_a_valid_pack_reads_every_manifest_field(tmp_path: Path) -> None:
    pack = read_pack(write_zip(tmp_path / "test.pfpack", pack_files()))
    assert (pack.id, pack.version, pack.title) == (PACK_ID, "1.0.0", "Test pack")
    assert (pack.author, pack.organisation) == ("Alex Rivera, PT", "Riverside Pelvic Health")
    assert (pack.created, pack.description, pack.message) == (
        date(2026, 11, 20),
        "A small pack for tests.",
        "Practise gently.",
    )
    assert pack.limits is DEFAULT_LIMITS
    assert pack.plan == (
        PlanEntry("soften", (1, 2, 3, 4), tuple(range(7)), 2, "Morning and evening."),
    )
    assert pack.checkin_measures == ("distress", "pelvic_tension", "pain")
    assert pack.checkin_weekly == ("pain_with_penetration",)
    [session] = pack.sessions
    assert (session.pack_id, session.pack_version, session.origin) == (PACK_ID, "1.0.0", None)
    assert sorted(pack.files) == [
        "SHA256SUMS",
        "audio/welcome.wav",
        "pack.toml",
        "sessions/soften.toml",
    ]
    assert pack.audio_ms == {"audio/welcome.wav": 300}
    assert session_timeline(session).duration_ms == 300 + 2 * 10_000


def test_raw_bytes_are_read_by_member_name(tmp_path: Path) -> None:
    files = pack_files()
    pack = read_pack(write_zip(tmp_path / "test.pfpack", files))
    assert pack.read_bytes("pack.toml") == files["pack.toml"]
    with pytest.raises(KeyError):
        pack.read_bytes("../etc/passwd")


def test_a_folder_needs_no_checksums_and_its_sessions_point_into_it(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    pack = read_pack(folder)
    assert pack.sessions[0].origin == folder / "sessions" / "soften.toml"


def test_a_link_inside_a_pack_folder_is_refused(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "pack", pack_files())
    (folder / "audio" / "secret.wav").symlink_to("/etc/passwd")
    assert problems_of(folder) == ["audio/secret.wav: is a link; a pack may hold only plain files"]


def test_clinician_limits_allow_the_pt_maximum(tmp_path: Path) -> None:
    files = pack_files()
    files["pack.toml"] = files["pack.toml"].replace(b'"default"', b'"clinician"')
    files["sessions/soften.toml"] = files["sessions/soften.toml"].replace(b"4-0-6-0", b"4-0-20-0")
    pack = read_pack(write_folder(tmp_path / "pack", files))
    assert pack.limits is CLINICIAN_LIMITS


def test_the_us_spelling_of_organisation_works(tmp_path: Path) -> None:
    folder = with_manifest(tmp_path, b"organisation =", b"organization =")
    assert read_pack(folder).organisation == "Riverside Pelvic Health"


def test_check_in_measures_default_to_the_three_core_ones(tmp_path: Path) -> None:
    manifest = pack_files()["pack.toml"].split(b"[checkin]")[0]
    files = {**pack_files(), "pack.toml": manifest}
    pack = read_pack(write_folder(tmp_path / "pack", files))
    assert (pack.checkin_measures, pack.checkin_weekly) == (
        ("distress", "pelvic_tension", "mood"),
        (),
    )


def test_field_problems_are_listed_together_with_their_lines(tmp_path: Path) -> None:
    files = pack_files()
    files["pack.toml"] = (
        files["pack.toml"]
        .replace(b'"riverside-pt.test-pack"', b'"Riverside PT"')
        .replace(b'"1.0.0"', b'"1.0"')
        .replace(b"created = 2026-11-20", b'created = "2026-11-20"')
        .replace(b'limits = "default"', b'limits = "expert"')
        .replace(b'"pain"]', b'"pian"]')
    )
    assert problems_of(write_folder(tmp_path / "pack", files)) == [
        "pack.toml:2: id: 'Riverside PT' is not a valid id; use 3–81 lowercase letters, digits, "
        "dots and hyphens, starting with a letter or digit, e.g. 'riverside-pt.release-phase-1'",
        "pack.toml:3: version: '1.0' is not a valid version; write a version like '1.0.0' "
        "(major.minor.patch)",
        "pack.toml:7: created: expected a date without quotes, e.g. created = 2026-11-20",
        "pack.toml:10: limits: 'expert' is not one of 'default' or 'clinician'",
        "pack.toml:20: checkin.measures[2]: 'pian' is not a check-in measure; did you mean 'pain'?",
    ]


def test_plan_problems_name_the_entry_and_key(tmp_path: Path) -> None:
    folder = with_manifest(
        tmp_path,
        b'weeks = "1-4"\ndays = "daily"\ntimes_per_day = 2',
        b'weeks = "4-1"\ndays = ["mon", "fiday"]\ntimes_per_day = 9\nsesion = "x"',
    )
    assert problems_of(folder) == [
        "pack.toml:17: plan[0].sesion: unknown key 'sesion'; did you mean 'session'?",
        "pack.toml:14: plan[0].weeks: '4-1' counts backwards; write '1-4'",
        "pack.toml:15: plan[0].days[1]: 'fiday' is not a day; did you mean 'fri'?",
        "pack.toml:16: plan[0].times_per_day: 9 is outside 1–6 times a day",
    ]


def test_required_fields_are_named_when_missing(tmp_path: Path) -> None:
    files = pack_files()
    files["pack.toml"] = b'pfrelax-pack = 1\nid = "a.pack"\n'
    assert problems_of(write_folder(tmp_path / "pack", files)) == [
        "pack.toml: missing required key 'version'",
        "pack.toml: missing required key 'title'",
        "pack.toml: missing required key 'author'",
        "pack.toml: missing required key 'created'; e.g. created = 2026-11-20 (a date, no quotes)",
    ]


def test_a_pack_without_sessions_is_refused(tmp_path: Path) -> None:
    files = pack_files()
    del files["sessions/soften.toml"]
    files["soften.toml"] = pack_files()["sessions/soften.toml"]
    assert problems_of(write_folder(tmp_path / "pack", files)) == [
        "soften.toml: session files go directly in the sessions/ folder",
        "sessions/: a pack needs at least one session file in its sessions/ folder",
    ]


def test_captions_must_be_webvtt(tmp_path: Path) -> None:
    files = pack_files()
    files["sessions/soften.toml"] = files["sessions/soften.toml"].replace(
        b'audio = "audio/welcome.wav"', b'audio = "audio/welcome.wav"\ncaptions = "captions/w.vtt"'
    )
    files["captions/w.vtt"] = b"1\n00:00.000 --> 00:01.000\nWelcome.\n"
    assert problems_of(write_folder(tmp_path / "pack", files)) == [
        "captions/w.vtt: is not a WebVTT file; its first line must be WEBVTT"
    ]


def test_a_session_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    files = pack_files()
    files["sessions/soften.toml"] = files["sessions/soften.toml"] + b"# caf\xe9\n"
    assert problems_of(write_folder(tmp_path / "pack", files)) == [
        "sessions/soften.toml: line 17 is not UTF-8 text; save the file as UTF-8"
    ]


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ("1.0.0", "1.0.1"),
        ("1.9.0", "1.10.0"),
        ("1.0.0-beta", "1.0.0"),
        ("1.0.0-2", "1.0.0-10"),
        ("1.0.0-alpha", "1.0.0-alpha.1"),
        ("1.0.0-9", "1.0.0-a"),
    ],
)
def test_versions_order_by_semantic_versioning(older: str, newer: str) -> None:
    assert version_key(older) < version_key(newer)


def test_a_session_made_too_long_by_its_narration_is_refused(tmp_path: Path) -> None:
    files = pack_files()
    files["sessions/soften.toml"] = files["sessions/soften.toml"].replace(
        b"cycles = 2", b"cycles = 360"
    )  # 360 breaths of 10 s is the 60 minutes allowed; the 0.3 s of narration tips it over
    assert problems_of(write_folder(tmp_path / "pack", files)) == [
        "sessions/soften.toml: the session lasts 60 min 1 s with its narration; "
        "the maximum is 60 min"
    ]


def test_a_malformed_checksum_line_names_its_line(tmp_path: Path) -> None:
    files = with_sums(pack_files())
    files["SHA256SUMS"] += b"not a checksum\n"
    assert problems_of(write_zip(tmp_path / "test.pfpack", files, sums=False)) == [
        'SHA256SUMS:4: expected "<sha256>  <path>"; build the pack again with `pfrelax pack build`'
    ]
