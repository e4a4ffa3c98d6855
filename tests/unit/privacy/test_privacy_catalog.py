"""An encrypted history's installed packs: not listed while locked, listed with the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax.formats.pack_build import build_pack
from pfrelax.paths import database_path
from pfrelax.services.privacy import Privacy
from tests.pack_service import install_pack, open_catalog

from .conftest import CHEAP

EXAMPLE = Path(__file__).parents[3] / "examples" / "riverside-release"
PACK_ID = "riverside-pt.release-phase-1"


def test_the_catalog_lists_an_encrypted_histories_packs_only_with_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    install_pack(build_pack(EXAMPLE, tmp_path / "release.pfpack"))
    privacy = Privacy(database_path(), params=CHEAP)
    key = privacy.set_passphrase("quiet harbour lanterns")

    catalog = open_catalog()
    assert [s for s in catalog.sessions() if s.pack_id] == []
    assert catalog.registry_problem is not None
    assert "protected by a passphrase" in catalog.registry_problem.message

    catalog.database_key = key
    catalog.reload()
    assert {s.pack_id for s in catalog.sessions() if s.pack_id} == {PACK_ID}
