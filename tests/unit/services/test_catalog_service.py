"""services.catalog: sessions on injected folders and one registry, and the one timeline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pfrelax.audio.recording_levels import LEVELS_FILE
from pfrelax.formats import pack_manifest, pack_questions
from pfrelax.formats.pack import read_pack
from pfrelax.formats.session_file import load_session
from pfrelax.services import catalog
from pfrelax.services.catalog import Catalog, open_catalog
from pfrelax.services.packs import Packs, SharedRegistry
from pfrelax.services.today import StoreTodaySource, pack_checkin_measures
from pfrelax.store.db import Database, open_database
from tests.unit.packs.packkit import PACK_ID, pack_files, tone_wav, write_folder, write_zip

BREATHS_MS = 2 * 10_000  # two 4-0-6-0 breaths after the recording
RECORDING_MS = 300  # packkit's audio/welcome.wav


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "data" / "pfrelax.sqlite3")
    yield database
    database.close()


@pytest.fixture
def builtin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "builtin"
    folder.mkdir()
    return folder


def installed_catalog(tmp_path: Path, db: Database, builtin_dir: Path) -> Catalog:
    packs = Packs(tmp_path / "data" / "packs", SharedRegistry(db))
    packs.install(write_zip(tmp_path / "pack.pfpack", pack_files()))
    return open_catalog(builtin_dir, packs)


def test_installed_sessions_carry_the_lengths_the_install_measured(
    tmp_path: Path, db: Database, builtin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = installed_catalog(tmp_path, db, builtin_dir)
    [session] = library.sessions()
    assert session.narration_ms == (("audio/welcome.wav", RECORDING_MS),)
    assert session.media_root == tmp_path / "data" / "packs" / PACK_ID

    def no_header_reads(*_: object) -> int:
        raise AssertionError("the recording was opened again to learn its length")

    monkeypatch.setattr("pfrelax.audio.decode.audio_length_ms", no_header_reads)
    assert catalog.timeline(session).duration_ms == RECORDING_MS + BREATHS_MS


def test_a_pack_installed_before_lengths_were_kept_reads_its_recordings_headers(
    tmp_path: Path, db: Database, builtin_dir: Path
) -> None:
    installed_catalog(tmp_path, db, builtin_dir)
    levels_file = tmp_path / "data" / "packs" / PACK_ID / LEVELS_FILE
    levels = json.loads(levels_file.read_text(encoding="utf-8"))
    for entry in levels["files"].values():
        del entry["ms"]
    levels_file.write_text(json.dumps(levels), encoding="utf-8")
    packs = Packs(tmp_path / "data" / "packs", SharedRegistry(db))
    [session] = open_catalog(builtin_dir, packs).sessions()
    assert session.narration_ms == ()
    assert catalog.length_ms(session) == RECORDING_MS + BREATHS_MS


def test_the_catalog_today_and_the_pack_reader_agree_on_a_sessions_length(
    tmp_path: Path, db: Database, builtin_dir: Path
) -> None:
    library = installed_catalog(tmp_path, db, builtin_dir)
    [session] = library.sessions()
    [plan] = StoreTodaySource(db).plans()
    [read] = read_pack(write_zip(tmp_path / "again.pfpack", pack_files())).sessions
    lengths = {
        catalog.length_ms(session),
        plan.session(session.id).duration_ms,
        catalog.length_ms(read),
    }
    assert lengths == {RECORDING_MS + BREATHS_MS}


def test_an_installed_manifest_is_parsed_once_for_sessions_heading_and_plan(
    tmp_path: Path, db: Database, builtin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed_catalog(tmp_path, db, builtin_dir)
    parsed: list[str] = []
    parse = pack_manifest.parse_manifest  # what pack_questions calls, patched below

    def counted(text: str) -> object:
        parsed.append(text)
        return parse(text)

    monkeypatch.setattr(pack_questions, "parse_manifest", counted)
    packs = Packs(tmp_path / "data" / "packs", SharedRegistry(db))
    library = Catalog(builtin_dir, packs)
    [session] = library.sessions()
    [installed] = packs.installed()
    manifest = library.contents(installed).manifest  # what the catalog read: kept, not re-read
    assert manifest is not None
    assert (session.pack_title, session.pack_author) == ("Test pack", "Alex Rivera, PT")
    assert manifest.checkin_measures == ("distress", "pelvic_tension", "pain")
    assert len(parsed) == 1
    assert pack_checkin_measures(db, PACK_ID) == manifest.checkin_measures


def test_a_session_file_in_a_pack_being_authored_finds_its_audio_at_the_packs_top(
    tmp_path: Path,
) -> None:
    root = write_folder(tmp_path / "authoring", pack_files())
    session = load_session(root / "sessions" / "soften.toml")
    assert session.media_root == root
    assert catalog.timeline(session).duration_ms == RECORDING_MS + BREATHS_MS


def test_a_loose_session_files_audio_sits_beside_it_and_a_longer_recording_counts(
    tmp_path: Path,
) -> None:
    files = pack_files()
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "welcome.wav").write_bytes(tone_wav(seconds=1.5))
    (tmp_path / "soften.toml").write_bytes(files["sessions/soften.toml"])
    session = load_session(tmp_path / "soften.toml")
    assert session.media_root == tmp_path
    assert catalog.timeline(session).duration_ms == 1_500 + BREATHS_MS


def test_a_timeline_is_laid_out_once_per_session(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "authoring", pack_files())
    session = load_session(root / "sessions" / "soften.toml")
    assert catalog.timeline(session) is catalog.timeline(session)
