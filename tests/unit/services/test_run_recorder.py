"""A run is recorded for every play-through: started, progress, completed or stopped."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.plan import PlanEntry
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.timeline import compile_session
from pfrelax.core.today import PackPlan, PlanSession, Practice, build_day
from pfrelax.core.transport import State, Transport
from pfrelax.services.runs import RunRecorder
from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import ReadOnlyDataError, StoreError
from pfrelax.store.runs import Runs

SESSION = Session(
    id="calm",
    title="Calm",
    steps=(BreatheStep("Breathe", parse_shorthand("4-6"), cycles=6),),  # 60 s
)


def recorder_on(tmp_path: Path) -> tuple[RunRecorder, Transport, FakeClock, Runs]:
    db = open_database(tmp_path / "runs.sqlite3")
    runs = Runs(db)
    clock = FakeClock()
    transport = Transport(compile_session(SESSION), clock, count_in_ms=0)
    recorder = RunRecorder(runs, transport, SESSION, monotonic=clock.now)
    return recorder, transport, clock, runs


def test_a_finished_session_is_a_completed_run_with_its_playing_time(tmp_path: Path) -> None:
    recorder, transport, clock, runs = recorder_on(tmp_path)
    transport.start()
    clock.advance(20)
    transport.pause()
    clock.advance(300)  # a long pause is not practice
    transport.resume()
    clock.advance(41)
    transport.advance()
    run = runs.get(recorder.run_id or -1)
    assert run is not None
    assert run.status == "completed"
    assert run.seconds == 60
    assert run.session_id == "calm"


def test_stopping_records_a_stopped_run(tmp_path: Path) -> None:
    recorder, transport, clock, runs = recorder_on(tmp_path)
    transport.start()
    clock.advance(12)
    transport.stop()
    run = runs.get(recorder.run_id or -1)
    assert run is not None
    assert (run.status, run.seconds) == ("stopped", 12)


def test_closing_the_player_mid_session_stops_the_run(tmp_path: Path) -> None:
    recorder, transport, clock, runs = recorder_on(tmp_path)
    transport.start()
    clock.advance(30)
    recorder.heartbeat()
    recorder.close()
    run = runs.get(recorder.run_id or -1)
    assert run is not None
    assert (run.status, run.seconds) == ("stopped", 30)


def test_progress_is_written_while_playing(tmp_path: Path) -> None:
    recorder, transport, clock, runs = recorder_on(tmp_path)
    transport.start()
    clock.advance(16)
    recorder.heartbeat()
    run = runs.get(recorder.run_id or -1)
    assert run is not None
    assert (run.status, run.seconds) == ("running", 16)


def test_nothing_is_recorded_for_a_session_that_never_played(tmp_path: Path) -> None:
    recorder, _transport, _clock, _runs = recorder_on(tmp_path)
    recorder.close()
    assert recorder.run_id is None


def test_a_run_opened_for_the_before_check_in_is_the_one_played(tmp_path: Path) -> None:
    recorder, transport, clock, runs = recorder_on(tmp_path)
    opened = recorder.open_run()
    transport.start()
    clock.advance(5)
    transport.stop()
    assert recorder.run_id == opened
    assert opened is not None
    run = runs.get(opened)
    assert run is not None
    assert (run.status, run.seconds) == ("stopped", 5)


def test_playing_time_counts_from_the_end_of_the_count_in_even_if_noticed_late(
    tmp_path: Path,
) -> None:
    db = open_database(tmp_path / "runs.sqlite3")
    runs = Runs(db)
    clock = FakeClock()
    transport = Transport(compile_session(SESSION), clock, count_in_ms=3_000)
    recorder = RunRecorder(runs, transport, SESSION, monotonic=clock.now)
    transport.start()
    clock.advance(3 + 12)  # nobody asked the transport during those 15 s
    transport.stop()
    run = runs.get(recorder.run_id or -1)
    assert run is not None
    assert run.seconds == 12


def test_pressing_next_to_the_end_records_a_partial_run_with_its_played_time(
    tmp_path: Path,
) -> None:
    recorder, transport, clock, runs = recorder_on(tmp_path)
    transport.start()
    clock.advance(10)  # of a 60 s session
    while transport.state is not State.FINISHED:
        transport.next_step()
    run = runs.get(recorder.run_id or -1)
    assert run is not None
    assert (run.status, run.seconds, run.length_seconds) == ("stopped", 10, 60)


def test_a_run_records_the_length_of_its_session_from_the_start(tmp_path: Path) -> None:
    recorder, _transport, _clock, runs = recorder_on(tmp_path)
    opened = recorder.open_run()
    assert opened is not None
    run = runs.get(opened)
    assert run is not None
    assert (run.status, run.length_seconds) == ("running", 60)


class RacingClock:
    """A sound device's clock that consumes frames nine times faster than real time."""

    def __init__(self, wall: FakeClock) -> None:
        self.wall, self.origin = wall, wall.now()

    def now(self) -> float:
        return (self.wall.now() - self.origin) * 9


def test_a_3_20_pack_session_over_after_23_s_is_not_1_of_1_today(tmp_path: Path) -> None:
    session = Session(
        id="pf-release",
        title="Release",
        steps=(BreatheStep("Breathe", parse_shorthand("4-6"), cycles=20),),  # 3:20
        pack_id="clinic.release",
        pack_version="1.0.0",
    )
    db = open_database(tmp_path / "runs.sqlite3")
    zone = timezone(timedelta(hours=1))
    runs = Runs(db, now=lambda: datetime(2026, 11, 30, 9, tzinfo=zone))
    clock = FakeClock()
    transport = Transport(compile_session(session), clock, count_in_ms=0)
    RunRecorder(runs, transport, session, monotonic=clock.now)
    transport.start()
    transport.set_clock(RacingClock(clock))  # the audio engine lends its clock
    clock.advance(23)  # 23 real seconds; the racing clock is past 3:20
    transport.advance()
    assert transport.state is State.FINISHED
    practice = [
        Practice(r.pack_id, r.session_id, r.started, r.seconds, r.completed)
        for r in runs.runs_between(
            datetime(2026, 11, 30, tzinfo=zone), datetime(2026, 12, 1, tzinfo=zone)
        )
    ]
    plan = PackPlan(
        "clinic.release",
        "Release",
        "Alex",
        "",
        (PlanEntry("pf-release", (1,), (0, 1, 2, 3, 4, 5, 6)),),
        (PlanSession("pf-release", "Release", "clinic.release/pf-release", 200_000),),
        date(2026, 11, 30),
    )
    day = build_day(plan, practice, date(2026, 11, 30), zone)
    assert [(p.seconds, p.completed) for p in practice] == [(23, False)]
    assert day.rows[0].line == "Release — 0 of 1 today · 1 partial"


def test_a_history_that_cannot_be_written_ends_the_recording_not_the_session(
    tmp_path: Path,
) -> None:
    writable = open_database(tmp_path / "runs.sqlite3")
    runs = Runs(Database(writable.path, writable.connection, read_only=True))
    clock = FakeClock()
    transport = Transport(compile_session(SESSION), clock, count_in_ms=0)
    told: list[StoreError] = []
    recorder = RunRecorder(runs, transport, SESSION, monotonic=clock.now, on_problem=told.append)
    transport.start()  # would raise ReadOnlyDataError out of the transport's callback
    clock.advance(61)
    recorder.heartbeat()
    transport.advance()
    assert transport.state is State.FINISHED
    assert isinstance(recorder.problem, ReadOnlyDataError)
    assert told == [recorder.problem]  # said once, not at every write
    assert recorder.run_id is None
    assert recorder.open_run() is None
    assert writable.connection.execute("SELECT count(*) FROM runs").fetchone() == (0,)
