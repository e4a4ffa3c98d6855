"""Every session shipped in sessions/ validates, compiles, and keeps the promises of its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.core.limits import DEFAULT_LIMITS
from pfrelax.core.timeline import compile_session
from pfrelax.formats.session_file import load_session

BUILTIN_FILES = sorted(paths.builtin_sessions_dir().glob("*.toml"))


def test_there_are_built_in_sessions() -> None:
    assert len(BUILTIN_FILES) >= 5


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda path: path.stem)
def test_a_built_in_session_validates_and_compiles_within_the_default_bounds(path: Path) -> None:
    session = load_session(path)

    timeline = compile_session(session)

    assert session.id == path.stem  # the file is named for its id, so it is easy to find
    assert 0 < timeline.duration_ms <= DEFAULT_LIMITS.session_max_ms
    assert len(timeline.steps) == len(session.steps)
    assert session.source, "each built-in session names its source (CLINICAL.md)"


def test_built_in_ids_are_unique() -> None:
    ids = [load_session(path).id for path in BUILTIN_FILES]
    assert len(ids) == len(set(ids))
