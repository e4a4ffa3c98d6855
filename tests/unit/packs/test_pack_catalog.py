"""Installed packs' sessions join `pfrelax sessions`, `show` and `timeline` (PACKID/SESSIONID)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pfrelax.cli import main
from pfrelax.formats.library import SessionNotFound
from pfrelax.formats.pack_build import build_pack
from tests.pack_service import install_pack, open_catalog, remove_pack

EXAMPLE = Path(__file__).parents[3] / "examples" / "riverside-release"
PACK_ID = "riverside-pt.release-phase-1"


@pytest.fixture
def installed(home: Path, tmp_path: Path) -> None:
    install_pack(build_pack(EXAMPLE, tmp_path / "release.pfpack"))


@pytest.mark.usefixtures("installed")
def test_sessions_json_lists_pack_sessions_with_their_recorded_length(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["sessions", "--json"]) == 0
    listed = {entry["address"]: entry for entry in json.loads(capsys.readouterr().out)}
    entry = listed[f"{PACK_ID}/before-dilator"]
    assert entry["pack"] == PACK_ID
    assert entry["duration"] is not None
    assert entry["duration"] > 0
    assert "resonance-4-6" in listed  # the built-ins are still there


@pytest.mark.usefixtures("installed")
def test_a_pack_session_is_found_by_pack_address_and_by_its_own_id() -> None:
    catalog = open_catalog()
    by_address = catalog.find(f"{PACK_ID}/before-dilator")
    assert by_address.pack_id == PACK_ID
    assert catalog.find("before-dilator") == by_address  # unique, so the bare id works


@pytest.mark.usefixtures("installed")
def test_timeline_of_a_pack_session_uses_the_recording_lengths(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["timeline", f"{PACK_ID}/arrive-and-soften", "--json"]) == 0
    timeline = json.loads(capsys.readouterr().out)
    speak = [s for s in timeline["segments"] if s["kind"] == "speak"]
    assert speak
    assert timeline["duration"] == timeline["segments"][-1]["end"]


@pytest.mark.usefixtures("installed")
def test_after_removing_the_pack_its_sessions_are_gone() -> None:
    remove_pack(PACK_ID)
    with pytest.raises(SessionNotFound, match="no session 'before-dilator'"):
        open_catalog().find("before-dilator")
