"""The pace finder service: a played finder's beats scored and kept, "your pace" in My sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pfrelax.core.heart.resonance import finder_plan, resonance_pattern
from pfrelax.core.session import BreatheStep
from pfrelax.formats.session_file import load_session
from pfrelax.sensors.person import SimulatedPerson
from pfrelax.services.heart_history import HeartHistory
from pfrelax.services.my_sessions import MySessions
from pfrelax.services.pace_finder import FINDER_SESSION_ID, PaceFinder, is_finder, score
from pfrelax.store.db import open_database
from pfrelax.store.runs import Runs
from tests.unit.heart.simulate import demo_beats

AT = datetime(2026, 11, 23, 19, 0, tzinfo=timezone(timedelta(hours=1)))


def beats_of(person: SimulatedPerson) -> tuple[list[float], list[float]]:
    """The demo person's beats on the finder session's time, as the heart session collects them."""
    beats, _ = demo_beats(person, finder_plan())
    return [b.time_s - 500.0 for b in beats], [b.rr_ms for b in beats]


def test_a_finder_run_is_scored_kept_and_made_into_a_session(tmp_path: Path) -> None:
    times, rr = beats_of(SimulatedPerson(resonance_bpm=5.0, seed=1))
    mine = MySessions(tmp_path / "sessions")
    with open_database(tmp_path / "pfrelax.sqlite3") as db:
        run_id = Runs(db, lambda: AT).start_run(FINDER_SESSION_ID, "Find your pace")
        finder = PaceFinder(db, mine, now=lambda: AT + timedelta(minutes=13))
        saved = finder.keep(times, rr, run_id)
        assert saved is not None
        assert (saved.run_id, saved.time, saved.result.chosen) == (
            run_id,
            AT + timedelta(minutes=13),
            5.0,
        )
        assert [epoch.bpm for epoch in saved.result.epochs] == [6.5, 6.0, 5.5, 5.0, 4.5]
        assert HeartHistory(db).finder_results() == [saved]
        assert finder.latest() == saved
        made = finder.make_session(5.0)
        again = finder.make_session(5.0)
    assert again == made  # pressed twice: still one session
    (session,) = mine.sessions()
    assert session.id == made.id == "mine-1"  # a name that says nothing about the person
    assert session.title == "Your pace, 5 breaths a minute"
    (breathe,) = [step for step in session.steps if isinstance(step, BreatheStep)]
    assert breathe.pattern == resonance_pattern(5.0)
    assert load_session(tmp_path / "sessions" / "mine-1.toml").title == session.title


def test_a_heart_that_follows_every_pace_alike_is_kept_as_no_clear_pace(tmp_path: Path) -> None:
    times, rr = beats_of(SimulatedPerson(resonance_bpm=None, seed=2))
    with open_database(tmp_path / "pfrelax.sqlite3") as db:
        saved = PaceFinder(db, MySessions(tmp_path / "s"), now=lambda: AT).keep(times, rr)
    assert saved is not None
    assert saved.result.chosen is None
    assert saved.run_id is None


def test_nothing_is_kept_without_beats_enough_for_one_pace(tmp_path: Path) -> None:
    times, rr = beats_of(SimulatedPerson(resonance_bpm=5.5, seed=0))
    first_pace_ends = finder_plan().epochs[0].breaths[0].start_s  # stopped before it scored
    early = [(t, r) for t, r in zip(times, rr, strict=True) if t < first_pace_ends]
    assert score([], []) is None
    assert score([t for t, _ in early], [r for _, r in early]) is None
    with open_database(tmp_path / "pfrelax.sqlite3") as db:
        assert PaceFinder(db, MySessions(tmp_path / "s")).keep([], []) is None
        assert HeartHistory(db).finder_results() == []


def test_only_the_built_in_finder_is_the_finder() -> None:
    session = finder_plan().session
    assert is_finder(session)
    assert not is_finder(replace(session, personal=True))
    assert not is_finder(replace(session, id="resonance-4-6"))
