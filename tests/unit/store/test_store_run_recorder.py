"""A run is recorded for every play-through: started, progress, completed or stopped."""

from __future__ import annotations

from pathlib import Path

from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import parse_shorthand
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.timeline import compile_session
from pfrelax.core.transport import Transport
from pfrelax.store.db import open_database
from pfrelax.store.run_recorder import RunRecorder
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
    transport.update()
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
