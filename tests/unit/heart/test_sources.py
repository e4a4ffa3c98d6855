"""Heart rate sources: the receiver, the demo person through the strap's bytes, RR log replay."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pfrelax.core.clock import FakeClock
from pfrelax.core.heart.cleaning import clean_rr
from pfrelax.core.heart.measurement import SensorContact, encode_measurement
from pfrelax.core.heart.resonance import finder_plan
from pfrelax.sensors.demo import DEMO_BATTERY_PERCENT, DemoHeartSource
from pfrelax.sensors.person import SimulatedPerson
from pfrelax.sensors.rr_file import FileHeartSource, RRLogError, read_rr_log
from pfrelax.sensors.source import STATE_TEXT, Beat, BeatReceiver, SourceState

from .simulate import demo_beats

RR_UNIT_MS = 1000 / 1024


def test_a_notification_s_beats_end_at_its_arrival_and_follow_on_by_their_intervals() -> None:
    receiver = BeatReceiver()

    receiver.feed(encode_measurement(60, [1000.0, 500.0]), at_s=10.0)
    receiver.feed(encode_measurement(60, [750.0]), at_s=10.8)  # arrived 50 ms late

    assert receiver.drain() == [Beat(9.5, 1000.0), Beat(10.0, 500.0), Beat(10.75, 750.0)]
    assert receiver.drain() == []
    assert receiver.last_bpm == 60


def test_after_a_dropped_notification_arrival_time_wins_again() -> None:
    receiver = BeatReceiver()
    receiver.feed(encode_measurement(60, [1000.0]), at_s=10.0)

    receiver.feed(encode_measurement(60, [1000.0]), at_s=14.0)

    assert [beat.time_s for beat in receiver.drain()] == [10.0, 14.0]


def test_beats_never_go_back_in_time_when_notifications_outrun_their_intervals() -> None:
    receiver = BeatReceiver()
    for index in range(10):  # 800 ms beats reported every 200 ms: the sum runs ahead
        receiver.feed(encode_measurement(75, [800.0]), at_s=10.0 + 0.2 * index)

    times = [beat.time_s for beat in receiver.drain()]

    assert times == sorted(times)


def test_a_garbled_notification_is_counted_and_skipped() -> None:
    receiver = BeatReceiver()

    receiver.feed(b"\x10\x40\x00", at_s=1.0)
    receiver.feed(encode_measurement(64, [937.5]), at_s=2.0)

    assert receiver.bad_notifications == 1
    assert receiver.drain() == [Beat(2.0, 937.5)]


def test_receiving_stops_after_five_quiet_seconds_or_lost_skin_contact() -> None:
    receiver = BeatReceiver()
    assert not receiver.receiving(0.0)
    receiver.feed(encode_measurement(60, [1000.0]), at_s=1.0)

    assert receiver.receiving(6.0)
    assert not receiver.receiving(6.1)

    receiver.feed(encode_measurement(0, contact=SensorContact.LOST), at_s=7.0)
    assert not receiver.receiving(7.0)


def test_every_state_has_calm_words() -> None:
    assert STATE_TEXT[SourceState.LOOKING] == "Looking for your strap…"
    assert STATE_TEXT[SourceState.SIGNAL_LOST] == "Signal lost — breathing goes on"
    assert set(STATE_TEXT) == set(SourceState)


def test_the_demo_source_gives_beats_only_as_its_clock_moves() -> None:
    clock = FakeClock(100.0)
    source = DemoHeartSource(SimulatedPerson(seed=1), clock)
    assert source.state is SourceState.STOPPED
    assert source.battery_percent is None

    source.start()
    assert source.poll() == []
    clock.advance(30.0)
    beats = source.poll()

    assert source.state is SourceState.CONNECTED
    assert source.battery_percent == DEMO_BATTERY_PERCENT
    assert 25 <= len(beats) <= 45
    assert all(100.0 < beat.time_s <= 130.0 for beat in beats)
    assert np.all(np.diff([beat.time_s for beat in beats]) > 0)
    source.stop()
    assert source.state is SourceState.STOPPED


def test_the_demo_is_repeatable_for_a_seed_and_differs_between_seeds() -> None:
    plan = finder_plan()

    first, _ = demo_beats(SimulatedPerson(seed=4), plan)
    again, _ = demo_beats(SimulatedPerson(seed=4), plan)
    other, _ = demo_beats(SimulatedPerson(seed=5), plan)

    assert first == again
    assert first != other


def test_demo_beats_through_the_strap_bytes_and_the_cleaner_correct_exactly_the_ectopics() -> None:
    """The demo drives the Bluetooth path end to end: 0x2A37 bytes → parser → receiver → cleaner."""
    plan = finder_plan()
    person = SimulatedPerson(resonance_bpm=5.0, seed=7, ectopic_per_beat=0.03)

    beats, source = demo_beats(person, plan)
    cleaned = clean_rr([beat.rr_ms for beat in beats])

    assert source.ectopic_intervals >= 20
    assert cleaned.corrected_count == source.ectopic_intervals
    assert all(
        abs(beat.rr_ms / RR_UNIT_MS - round(beat.rr_ms / RR_UNIT_MS)) < 1e-9 for beat in beats
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rr.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_rr_log_is_one_interval_in_ms_a_line_with_comments_and_blanks_skipped(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "# recorded sitting\n812\n\n 790.5 \n805\n")

    assert read_rr_log(path) == [812.0, 790.5, 805.0]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("800\nabc\n", 'rr.txt:2: "abc" is not a number; write one RR interval in milliseconds'),
        ("800\n-5\n", "rr.txt:2: -5 is not an RR interval; write milliseconds between 1 and"),
        ("0.82\n", "rr.txt:1: 0.82 looks like seconds; write milliseconds (e.g. 820)"),
        ("800\nnan\n", "rr.txt:2: nan is not an RR interval"),
        ("# nothing\n\n", "rr.txt: no RR intervals in it"),
    ],
)
def test_a_bad_rr_log_names_the_file_and_line(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(RRLogError) as caught:
        read_rr_log(write(tmp_path, text))

    assert says in str(caught.value)


def test_every_bad_line_is_listed_up_to_ten(tmp_path: Path) -> None:
    with pytest.raises(RRLogError) as caught:
        read_rr_log(write(tmp_path, "x\n" * 14))

    lines = str(caught.value).splitlines()
    assert len(lines) == 11
    assert lines[-1] == "… and 4 more"


def test_an_unreadable_rr_log_says_why(tmp_path: Path) -> None:
    with pytest.raises(RRLogError, match=r"missing\.txt: cannot read it"):
        read_rr_log(tmp_path / "missing.txt")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(RRLogError, match=r"binary\.txt: cannot read it"):
        read_rr_log(binary)


def test_the_file_source_replays_beats_at_their_time_and_then_ends() -> None:
    clock = FakeClock(50.0)
    source = FileHeartSource([1000.0, 500.0, 1500.0], clock)
    source.start()

    clock.advance(1.6)
    first = source.poll()
    clock.advance(10.0)
    rest = source.poll()

    assert first == [Beat(51.0, 1000.0), Beat(51.5, 500.0)]
    assert rest == [Beat(53.0, 1500.0)]
    assert source.state is SourceState.ENDED
    assert source.battery_percent is None
