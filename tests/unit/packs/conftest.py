"""Every pack test runs against its own PFRELAX_HOME, set up the way a real install leaves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.store.db import open_database


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder that already has its database and packs folder, as after a first run."""
    root = tmp_path / "home"
    monkeypatch.setenv("PFRELAX_HOME", str(root))
    paths.packs_dir()
    open_database(paths.database_path()).close()
    return root
