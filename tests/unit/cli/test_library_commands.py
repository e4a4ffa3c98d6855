"""`pfrelax sessions`, `show` and `timeline`, run through the real argument parser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.cli import main

DATA = Path(__file__).parents[2] / "data" / "sessions"
BUILTIN_IDS = sorted(path.stem for path in paths.builtin_sessions_dir().glob("*.toml"))


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PFRELAX_HOME", str(tmp_path / "home"))


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_sessions_json_lists_every_builtin_with_its_timeline_duration(
    capsys: pytest.CaptureFixture[str],
) -> None:
    listed = run_json(capsys, "sessions", "--json")

    assert isinstance(listed, list)
    assert sorted(item["id"] for item in listed) == BUILTIN_IDS
    for item in listed:
        timeline = run_json(capsys, "timeline", item["id"], "--json")
        assert isinstance(timeline, dict)
        assert item["duration"] == timeline["duration"]
        assert item["minutes"] == round(item["duration"] / 60, 1)
        assert item["pack"] is None
        assert {"title", "tags", "summary", "source"} <= item.keys()


def test_sessions_prints_a_table_with_id_title_minutes_and_tags(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["sessions"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "MIN", "TAGS"]
    assert sorted(line.split()[0] for line in lines[1:]) == BUILTIN_IDS


def test_timeline_json_has_exact_seconds_numbered_steps_and_no_count_in(
    capsys: pytest.CaptureFixture[str],
) -> None:
    timeline = run_json(capsys, "timeline", str(DATA / "evening-release.toml"), "--json")

    assert isinstance(timeline, dict)
    assert list(timeline) == ["id", "title", "duration", "segments"]
    assert (timeline["id"], timeline["title"]) == ("evening-release", "Evening release")
    segments = timeline["segments"]
    assert segments[0] == {"start": 0.0, "end": 30.0, "step": 0, "kind": "speak"}
    assert segments[1] == {"start": 30.0, "end": 34.0, "step": 1, "kind": "inhale"}
    assert segments[2] == {"start": 34.0, "end": 40.0, "step": 1, "kind": "exhale"}
    assert [s["start"] for s in segments[1:]] == [s["end"] for s in segments[:-1]]
    assert segments[-1] == {
        "start": timeline["duration"] - 60,
        "end": timeline["duration"],
        "step": 3,
        "kind": "rest",
    }


def test_timeline_text_is_a_readable_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(DATA / "evening-release.toml")]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Evening release (evening-release): 7:25"
    assert lines[2].split() == ["START", "END", "STEP", "KIND", "PROMPT"]
    assert lines[3].split() == ["0", "30", "0", "speak"]
    assert lines[4].split()[:4] == ["30", "34", "1", "inhale"]
    assert lines[4].endswith("Let the belly and pelvic floor soften and widen")


def test_show_describes_steps_patterns_ramps_and_safety(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(DATA / "evening-release.toml")]) == 0

    out = capsys.readouterr().out
    assert out.startswith("Evening release (evening-release)\nAbout seven quiet minutes")
    assert "   1   0:30    3:00  breathe  Drop on the in-breath\n" in out
    assert "pattern 4-6 (6.0 breaths/min); asked 3:00, runs 18 whole cycles; cues: tones" in out
    assert "   2   3:30    2:55  breathe  Breathe 4-6 to 4-7.5\n" in out
    assert "ramp to 4-7.5 (5.2 breaths/min) over 2:00" in out
    assert "Total: 7:25" in out
    assert "Safety: Practise lying down or sitting." in out
    assert "Source: Talasz 2011" in out


def test_a_broken_builtin_is_a_warning_and_the_rest_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(DATA / "evening-release.toml", tmp_path)
    (tmp_path / "broken.toml").write_text('pfrelax = 1\nid = "broken"\n', encoding="utf-8")
    monkeypatch.setattr(paths, "builtin_sessions_dir", lambda: tmp_path)

    assert main(["sessions"]) == 0

    captured = capsys.readouterr()
    assert captured.out.splitlines()[1].startswith("evening-release  Evening release  7.4")
    assert captured.err.splitlines() == [
        f"warning: {tmp_path / 'broken.toml'}: missing required key 'title'",
        f"warning: {tmp_path / 'broken.toml'}: a session needs at least one step; "
        "add a [[step]] table",
    ]


def test_an_unknown_session_is_an_error_with_a_suggestion(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "coherent-55"]) == 1

    assert capsys.readouterr().err == (
        "pfrelax: no session 'coherent-55'; did you mean 'coherent-5-5'? "
        "(`pfrelax sessions` lists them all)\n"
    )


def test_an_invalid_session_file_prints_its_problems(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", str(DATA / "three-mistakes.toml")]) == 1

    assert len(capsys.readouterr().err.splitlines()) == 3


def test_a_missing_session_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["timeline"])
    assert caught.value.code == 2
    assert "SESSION" in capsys.readouterr().err


def test_listing_sessions_does_not_import_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pfrelax.cli import main\n"
        "code = main(['sessions'])\n"
        "print('PySide6 loaded:', 'PySide6' in sys.modules, 'exit:', code, file=sys.stderr)\n"
    )
    env = {**os.environ, "PFRELAX_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )

    assert result.stderr.splitlines()[-1] == "PySide6 loaded: False exit: 0"
