"""The runs service: which run a check-in belongs to, and a run per play-through (no Qt)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.timeline import compile_session
from pfrelax.core.transport import Transport
from pfrelax.services.runs import SessionRuns
from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import ReadOnlyDataError, StoreError
from pfrelax.store.runs import Runs

SESSION = Session(
    id="calm",
    title="Calm",
    steps=(BreatheStep("Breathe", parse_shorthand("4-6"), cycles=6),),  # 60 s
)


def _transport(clock: FakeClock, session: Session = SESSION) -> Transport:
    return Transport(compile_session(session), clock, count_in_ms=0)


def test_start_opens_the_run_the_before_check_in_belongs_to(tmp_path: Path) -> None:
    db = open_database(tmp_path / "runs.sqlite3")
    clock = FakeClock()
    runs = SessionRuns(lambda: db, monotonic=clock.now)
    runs.watch(_transport(clock), SESSION)

    run_id = runs.before_run(SESSION)

    assert run_id is not None
    stored = Runs(db).get(run_id)
    assert stored is not None
    assert (stored.session_id, stored.status) == ("calm", "running")


def test_a_session_that_asks_no_check_ins_gets_none_but_is_still_recorded(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "runs.sqlite3")
    clock = FakeClock()
    quiet = dataclasses.replace(SESSION, checkin=())
    runs = SessionRuns(lambda: db, monotonic=clock.now)
    transport = _transport(clock, quiet)
    runs.watch(transport, quiet)

    assert runs.before_run(quiet) is None
    transport.start()
    clock.advance(61)
    transport.advance()

    assert runs.after_run(quiet) is None
    assert runs.recorder is not None
    run = Runs(db).get(runs.recorder.run_id or -1)
    assert run is not None
    assert run.status == "completed"


def test_the_after_check_in_belongs_to_the_run_just_ended_and_sees_the_before_values(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "runs.sqlite3")
    clock = FakeClock()
    runs = SessionRuns(lambda: db, monotonic=clock.now)
    transport = _transport(clock)
    runs.watch(transport, SESSION)
    before = runs.before_run(SESSION)
    runs.keep_before({"tension": 6})
    transport.start()
    clock.advance(12)
    transport.stop()

    assert runs.after_run(SESSION) == before
    assert runs.before == {"tension": 6}
    run = Runs(db).get(before or -1)
    assert run is not None
    assert (run.status, run.seconds) == ("stopped", 12)


def test_a_new_play_through_stops_the_open_run_and_forgets_the_before_values(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "runs.sqlite3")
    clock = FakeClock()
    runs = SessionRuns(lambda: db, monotonic=clock.now)
    first = _transport(clock)
    runs.watch(first, SESSION)
    first.start()
    clock.advance(5)
    first_run = runs.recorder.run_id if runs.recorder else None
    runs.keep_before({"tension": 3})

    runs.watch(_transport(clock), SESSION)

    run = Runs(db).get(first_run or -1)
    assert run is not None
    assert (run.status, run.seconds) == ("stopped", 5)
    assert runs.before == {}


def test_without_a_history_the_session_plays_unrecorded(tmp_path: Path) -> None:
    clock = FakeClock()
    runs = SessionRuns(lambda: None, monotonic=clock.now)
    transport = _transport(clock)
    runs.watch(transport, SESSION)

    assert runs.recorder is None
    assert runs.before_run(SESSION) is None
    transport.start()
    clock.advance(61)
    transport.advance()
    assert runs.after_run(SESSION) is None


def test_a_refused_write_is_told_to_every_listener_once(tmp_path: Path) -> None:
    writable = open_database(tmp_path / "runs.sqlite3")
    read_only = Database(writable.path, writable.connection, read_only=True)
    clock = FakeClock()
    runs = SessionRuns(lambda: read_only, monotonic=clock.now)
    told: list[StoreError] = []
    runs.on_problem(told.append)
    runs.watch(_transport(clock), SESSION)

    assert runs.before_run(SESSION) is None  # the run cannot be opened: just play
    assert len(told) == 1
    assert isinstance(told[0], ReadOnlyDataError)
