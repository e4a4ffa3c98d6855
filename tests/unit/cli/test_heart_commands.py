"""`pfrelax resonance` and `pfrelax hr scan`, through the real argument parser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pfrelax.cli import main
from pfrelax.core.clock import FakeClock
from pfrelax.core.heart.resonance import finder_plan
from pfrelax.sensors.demo import DemoHeartSource
from pfrelax.sensors.person import SimulatedPerson

EPOCH_KEYS = {"bpm", "peak_to_trough", "lf_power", "phase_deg"}


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/pfrelax-test-bus")


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(list(argv)) == 0
    result = json.loads(capsys.readouterr().out)
    assert isinstance(result, dict)
    return result


def test_resonance_demo_json_has_exactly_the_epochs_and_the_chosen_rate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_json(capsys, "resonance", "--demo", "5.5", "--seed", "2", "--json")

    assert set(result) == {"epochs", "chosen"}
    assert result["chosen"] == 5.5
    epochs = result["epochs"]
    assert isinstance(epochs, list)
    assert [epoch["bpm"] for epoch in epochs] == [6.5, 6.0, 5.5, 5.0, 4.5]
    for epoch in epochs:
        assert set(epoch) == EPOCH_KEYS
        assert all(isinstance(epoch[key], float) for key in EPOCH_KEYS)


def test_resonance_demo_of_a_flat_heart_chooses_null(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "resonance", "--demo", "flat", "--json")["chosen"] is None


def test_resonance_text_shows_each_pace_corrected_beats_and_your_pace(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["resonance", "--demo", "4.5", "--seed", "1"]) == 0

    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("pace   peak-to-trough")
    assert "Beats corrected in all:" in out
    assert "Your pace: 4.5 breaths a minute (peak-to-trough, LF power and phase agree)." in out


def test_resonance_on_a_recorded_rr_log_finds_the_same_pace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = finder_plan()
    clock = FakeClock(0.0)
    person = DemoHeartSource(SimulatedPerson(resonance_bpm=6.0, seed=3), clock, plan.paced_breaths)
    person.start()
    clock.advance(plan.timeline.duration_ms / 1000)
    log = tmp_path / "rr.txt"
    log.write_text("".join(f"{beat.rr_ms:.1f}\n" for beat in person.poll()), encoding="utf-8")

    assert run_json(capsys, "resonance", "--rr-file", str(log), "--json")["chosen"] == 6.0


def test_a_short_recording_leaves_later_paces_unscored_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "short.txt"
    log.write_text("900\n" * 200, encoding="utf-8")  # three minutes

    assert main(["resonance", "--rr-file", str(log)]) == 0
    out = capsys.readouterr().out
    assert "The recording covers 3.0 of the session's 11.7 min." in out
    assert "Unclear" in out
    result = run_json(capsys, "resonance", "--rr-file", str(log), "--json")
    assert result["epochs"][-1]["peak_to_trough"] is None  # type: ignore[index]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--demo", "fast"], '--demo: "fast" is not a breathing rate'),
        (["--demo", "12"], "--demo: 12 is outside 3–10 breaths a minute"),
        (["--demo", "5", "--seed", "x"], '--seed: "x" is not a whole number'),
        (["--demo", "5", "--seed", "-1"], "--seed: -1 is negative"),
        (["--rr-file", "nowhere.txt"], "nowhere.txt: cannot read it"),
    ],
)
def test_bad_input_says_what_is_wrong_and_exits_1(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["resonance", *argv]) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("pfrelax resonance: ")
    assert says in captured.err


def test_a_bad_rr_log_line_is_named_by_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "rr.txt"
    log.write_text("900\n910\nninety\n", encoding="utf-8")

    assert main(["resonance", "--rr-file", str(log)]) == 1
    assert f'{log}:3: "ninety" is not a number' in capsys.readouterr().err


def test_resonance_needs_exactly_one_source() -> None:
    with pytest.raises(SystemExit) as neither:
        main(["resonance"])
    with pytest.raises(SystemExit) as both:
        main(["resonance", "--demo", "5", "--rr-file", "x.txt"])

    assert neither.value.code == both.value.code == 2


def test_hr_scan_without_bluetooth_says_why_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["hr", "scan", "--seconds", "0.5"]) == 1

    err = capsys.readouterr().err
    assert err.startswith("pfrelax hr scan: The system's Bluetooth service cannot be reached")


def test_hr_scan_without_bleak_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "bleak", None)

    assert main(["hr", "scan"]) == 1
    assert ".venv/bin/pip install -c constraints.txt -e '.[heart]'" in capsys.readouterr().err


def test_hr_scan_as_a_command_prints_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": "unix:path=/nonexistent/pfrelax-test-bus"}
    env["PFRELAX_HOME"] = str(tmp_path)

    done = subprocess.run(
        [sys.executable, "-m", "pfrelax.cli", "hr", "scan", "--seconds", "0.5"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "Bluetooth" in done.stderr
