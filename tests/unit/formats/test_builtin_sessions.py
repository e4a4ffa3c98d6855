"""Every session shipped in sessions/ validates, compiles, and keeps the promises of its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.core.limits import DEFAULT_LIMITS
from pfrelax.core.session import DilatorStep, InsertOn, PelvicFloorStep, PelvicKind, SpeakStep
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


def builtin(session_id: str) -> Path:
    return paths.builtin_sessions_dir() / f"{session_id}.toml"


def test_pelvic_floor_drop_practice_is_six_minutes_of_release_only_reps() -> None:
    session = load_session(builtin("pelvic-floor-drop-practice-6"))
    assert compile_session(session).duration_ms == 6 * 60_000
    drills = [s for s in session.steps if isinstance(s, PelvicFloorStep)]
    assert drills
    assert {s.pelvic_kind for s in drills} == {PelvicKind.RELEASE}  # CLINICAL.md §2a
    assert not session.safety_first


def test_dilator_practice_runs_about_fifteen_minutes_at_the_person_s_pace() -> None:
    session = load_session(builtin("dilator-practice-15"))
    timeline = compile_session(session)
    (stay,) = timeline.paced_stages
    longest = timeline.with_extra_cycles(0, stay.max_cycles - stay.min_cycles)
    assert 10 * 60_000 <= timeline.duration_ms <= 15 * 60_000 <= longest.duration_ms
    (practice,) = [s for s in session.steps if isinstance(s, DilatorStep)]
    assert practice.insert_on is InsertOn.INHALE
    assert practice.log


def test_before_intimacy_points_to_the_dilator_practice() -> None:
    session = load_session(builtin("before-intimacy-5"))
    title = load_session(builtin("dilator-practice-15")).title
    assert any(isinstance(s, SpeakStep) and title in s.text for s in session.steps)


def test_the_pace_finder_is_built_in_exactly_as_its_scores_expect() -> None:
    from pfrelax.core.heart.resonance import finder_plan

    session = load_session(builtin("resonance-finder"))
    # The scores place each pace by the finder's own timeline: the file must not drift from it.
    assert session.steps == finder_plan().session.steps
    assert compile_session(session).steps == finder_plan().timeline.steps
