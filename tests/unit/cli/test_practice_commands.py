"""`pfrelax timeline --json` and `validate` for pelvic floor and dilator steps (PACK-FORMAT.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pfrelax.cli import main

SESSION = """\
pfrelax = 1
id = "practice"
title = "Practice"

[[step]]
type = "pelvic_floor"
reps = 2
release = 8
rest = 4.5

[[step]]
type = "dilator"
pattern = "4-6"
settle = 60
insert_breaths = 1
stay = 30
move_breaths = 1
remove_breaths = 1
"""


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))


def test_timeline_json_gives_pf_kinds_and_dilator_stages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "practice.toml"
    path.write_text(SESSION, encoding="utf-8")
    assert main(["timeline", str(path), "--json"]) == 0
    timeline = json.loads(capsys.readouterr().out)
    segments = timeline["segments"]
    assert segments[:4] == [
        {"start": 0.0, "end": 8.0, "step": 0, "kind": "pf_release", "rep": 0},
        {"start": 8.0, "end": 12.5, "step": 0, "kind": "pf_rest", "rep": 0},
        {"start": 12.5, "end": 20.5, "step": 0, "kind": "pf_release", "rep": 1},
        {"start": 20.5, "end": 25.0, "step": 0, "kind": "pf_rest", "rep": 1},
    ]
    breaths = segments[4:]
    assert breaths[0] == {
        "start": 25.0,
        "end": 29.0,
        "step": 1,
        "kind": "inhale",
        "stage": "settle",
    }
    stages = [s["stage"] for s in breaths if s["kind"] == "inhale"]
    # settle 60 s = 6 breaths, insert 1, stay 30 s at its minimum = 3, move 1, remove 1
    assert stages == ["settle"] * 6 + ["insert"] + ["stay"] * 3 + ["move", "remove"]
    assert timeline["duration"] == 25.0 + 12 * 10
    assert [s["start"] for s in segments[1:]] == [s["end"] for s in segments[:-1]]


def test_timeline_text_names_the_stage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "practice.toml"
    path.write_text(SESSION, encoding="utf-8")
    assert main(["timeline", str(path)]) == 0
    out = capsys.readouterr().out
    assert "pf_release" in out
    assert "Soften and let go" in out
    assert "inhale (stay)" in out


def test_validate_lists_each_broken_bound_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "practice.toml"
    broken = SESSION.replace("reps = 2", "reps = 12").replace("stay = 30", "stay = 10")
    path.write_text(
        broken.replace('type = "pelvic_floor"', 'type = "pelvic_floor"\nkind = "contract_release"'),
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr()
    lines = (err.out + err.err).strip().splitlines()
    assert (
        f'{path}:7: step[0].kind: kind = "contract_release" (a gentle contraction) is a '
        in lines[0]
    )
    assert any(
        line.endswith(
            "step[0].reps: 12 reps is over the 10 reps maximum (a PT's pack "
            'with limits = "clinician" allows up to 20 reps)'
        )
        for line in lines
    )
    assert any(line.endswith("step[1].stay: 10 s is under the 30 s minimum") for line in lines)
