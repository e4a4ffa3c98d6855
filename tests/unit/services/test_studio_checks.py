"""The studio's checks are the validator's: a session's problems inside its pack, by field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pfrelax.formats.pack_source import open_pack_source
from pfrelax.formats.problems import Problem
from pfrelax.services.studio_checks import (
    SessionFileError,
    field_messages,
    manifest_problems,
    preview_session,
    session_problems,
)

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "riverside-release"


def test_field_messages_give_each_field_its_first_message() -> None:
    problems = [
        Problem("s.toml", "step[2].release", "too short", 20),
        Problem("s.toml", "step[2].release", "second", 20),
        Problem("s.toml", "step[2].prompts.contract", "not text", 21),
        Problem("s.toml", "step[12].reps", "another step", 40),
        Problem("s.toml", "step[2]", "the whole step", 19),
        Problem("s.toml", "safety", "needs a note", 3),
    ]
    assert field_messages(problems, "step[2]") == {
        "release": "too short",
        "prompts": "not text",
        "": "the whole step",
    }
    assert field_messages(problems, "")["safety"] == "needs a note"
    assert field_messages(problems, "")["step"] == "too short"


def test_a_contraction_is_allowed_because_the_session_is_in_a_pack(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "pack")
    source = open_pack_source(tmp_path / "pack")
    let_go = source.session_named("sessions/find-the-let-go.toml")
    assert session_problems(source, let_go) == []
    assert preview_session(source, let_go).has_contractions
    let_go.document["step"][2]["release"] = 4
    (problem,) = session_problems(source, let_go)
    assert problem.key == "step[2].release"
    assert "shorter than twice the contraction" in problem.message
    with pytest.raises(SessionFileError):
        preview_session(source, let_go)


def test_the_manifests_limits_widen_the_sessions_bounds(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "pack")
    source = open_pack_source(tmp_path / "pack")
    let_go = source.session_named("sessions/find-the-let-go.toml")
    let_go.document["step"][2]["reps"] = 15
    assert [p.key for p in session_problems(source, let_go)] == ["step[2].reps"]
    source.manifest.document["limits"] = "clinician"
    assert session_problems(source, let_go) == []
    assert manifest_problems(source) == []


def test_audio_a_step_names_must_be_in_the_pack_folder(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "pack")
    source = open_pack_source(tmp_path / "pack")
    session = source.session_named("sessions/practice-with-the-breath.toml")
    session.document["step"][0]["audio"] = "audio/missing.ogg"
    (problem,) = session_problems(source, session)
    assert problem.key == "step[0].audio"
    assert "not in the pack" in problem.message
