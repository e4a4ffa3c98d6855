"""The person's own sessions: bounds with reasons, the written file, and make/copy/rename/undo."""

from __future__ import annotations

import stat
from dataclasses import replace
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.core.my_pattern import (
    HOLDS_SAFETY,
    DraftError,
    Length,
    PatternDraft,
    from_session,
    reasons,
    to_session,
)
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Cues
from pfrelax.core.timeline import compile_session
from pfrelax.formats.library import SessionLibrary
from pfrelax.formats.session_file import load_session, parse_session
from pfrelax.formats.session_writer import UnwritableSession, session_toml
from pfrelax.services.my_sessions import MySessions

# The editor writes breathe, speak and rest steps; pelvic floor and dilator steps stay in
# hand-written files and packs (the writer refuses them, tested below).
BUILTINS = [
    path
    for path in sorted(paths.builtin_sessions_dir().glob("*.toml"))
    if all(step.kind in ("breathe", "speak", "rest") for step in load_session(path).steps)
]


def test_the_starting_draft_is_within_the_bounds_and_has_no_holds() -> None:
    draft = PatternDraft()
    assert reasons(draft) == {}
    assert not draft.effective_pattern.has_holds
    assert draft.breaths_per_minute == 6.0


def test_a_long_hold_after_the_out_breath_says_it_is_for_a_pt_pack() -> None:
    draft = PatternDraft(pattern=Pattern(4_000, 6_000, hold_out_ms=5_000), holds_on=True)
    assert reasons(draft) == {"hold_out": "Holds over 4 s after the out-breath are for a PT's pack"}
    with pytest.raises(DraftError):
        to_session(draft, "mine-1")


def test_holds_typed_while_switched_off_do_not_play_and_do_not_block() -> None:
    draft = PatternDraft(pattern=Pattern(4_000, 6_000, hold_out_ms=5_000), holds_on=False)
    assert reasons(draft) == {}
    session = to_session(draft, "mine-1")
    assert not session.has_holds
    assert session.safety == ""


def test_holds_switched_on_bring_the_safety_note() -> None:
    draft = PatternDraft(pattern=Pattern(4_000, 6_000, hold_in_ms=2_000), holds_on=True)
    session = to_session(draft, "mine-1")
    assert session.has_holds
    assert session.safety == HOLDS_SAFETY


@pytest.mark.parametrize(
    ("pattern", "field"),
    [
        (Pattern(9_000, 6_000), "inhale"),
        (Pattern(500, 6_000), "inhale"),
        (Pattern(4_000, 16_000), "exhale"),
        (Pattern(4_000, 1_000), "exhale"),
        (Pattern(1_000, 2_000), "rate"),
    ],
)
def test_each_bound_has_its_reason(pattern: Pattern, field: str) -> None:
    assert list(reasons(PatternDraft(pattern=pattern))) == [field]


def test_length_and_title_have_reasons_too() -> None:
    assert "title" in reasons(PatternDraft(title="  "))
    assert reasons(PatternDraft(title="t" * 201)) == {
        "title": "Keep the name to 200 characters or fewer"
    }
    assert "title" in reasons(PatternDraft(title="Calm\u202eevening"))
    assert reasons(PatternDraft(title="t" * 200)) == {}
    assert "minutes" in reasons(PatternDraft(minutes=61))
    assert "breaths" in reasons(PatternDraft(length=Length.BREATHS, breaths=0))


def test_a_draft_becomes_a_file_the_validator_reads_back_to_the_same_session() -> None:
    draft = PatternDraft(
        title='Evening "slow" — ünïcode',
        pattern=Pattern(3_500, 7_200, top_up_ms=500),
        length=Length.BREATHS,
        breaths=12,
        cues=Cues.VOICE,
        ramp_to=Pattern(4_000, 8_000),
        ramp_minutes=1.5,
    )
    session = to_session(draft, "mine-7")
    text = session_toml(session)
    assert parse_session(text, "mine-7.toml") == session
    assert from_session(session) == draft


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_every_built_in_session_writes_back_to_itself(path: Path) -> None:
    session = load_session(path)
    assert parse_session(session_toml(session), str(path), origin=path) == replace(
        session, media_root=None
    )


def test_a_dilator_session_is_not_written_by_the_editor() -> None:
    session = load_session(paths.builtin_sessions_dir() / "dilator-practice-15.toml")
    with pytest.raises(UnwritableSession, match="dilator"):
        session_toml(session)


def test_a_recording_cannot_be_written_into_a_session_of_ones_own() -> None:
    session = to_session(PatternDraft(), "mine-1")
    with pytest.raises(UnwritableSession):
        session_toml(replace(session, ambient="audio/rain.ogg"))


def test_a_copy_keeps_the_breathing_of_the_longest_step_and_says_it_is_a_copy() -> None:
    original = load_session(paths.builtin_sessions_dir() / "long-exhale-3-7.toml")
    draft = from_session(original, copy=True)
    assert draft.title == "Slow long exhale 3-7 (my copy)"
    assert draft.pattern == Pattern(3_000, 7_000)
    assert reasons(draft) == {}


def test_save_list_rename_delete_and_undo(tmp_path: Path) -> None:
    mine = MySessions(tmp_path)
    first = mine.save(PatternDraft(title="Morning"))
    second = mine.save(PatternDraft(title="Afternoon", length=Length.BREATHS, breaths=10))
    assert [s.title for s in mine.sessions()] == ["Afternoon", "Morning"]
    assert all(s.personal for s in mine.sessions())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine-1.toml", "mine-2.toml"]
    assert stat.S_IMODE((tmp_path / "mine-1.toml").stat().st_mode) == 0o600

    renamed = mine.rename(first, "Early morning")
    assert renamed.id == first.id
    assert renamed.title == "Early morning"
    assert isinstance(renamed.steps[0], BreatheStep)
    assert renamed.steps[0].title == "Early morning"

    deleted = mine.delete(second)
    assert [s.title for s in mine.sessions()] == ["Early morning"]
    restored = mine.undo(deleted)
    assert restored == replace(second, origin=restored.origin)
    assert [s.title for s in mine.sessions()] == ["Afternoon", "Early morning"]


def test_undo_after_the_name_was_taken_restores_under_a_new_one(tmp_path: Path) -> None:
    mine = MySessions(tmp_path)
    one = mine.save(PatternDraft(title="One"))
    deleted = mine.delete(one)
    mine.save(PatternDraft(title="Two"), session_id="mine-1")
    restored = mine.undo(deleted)
    assert restored.id == "mine-2"
    assert restored.title == "One"


def test_edit_overwrites_in_place_and_the_timeline_follows(tmp_path: Path) -> None:
    mine = MySessions(tmp_path)
    made = mine.save(PatternDraft(title="Mine", minutes=2))
    edited = mine.save(replace(from_session(made), minutes=3), session_id=made.id)
    assert compile_session(edited).duration_ms == 180_000
    assert len(mine.sessions()) == 1


def test_the_library_lists_ones_own_sessions_apart(tmp_path: Path) -> None:
    mine = MySessions(tmp_path)
    mine.save(PatternDraft(title="Mine"))
    library = SessionLibrary(paths.builtin_sessions_dir(), personal_dir=tmp_path)
    found = library.find("mine-1")
    assert found.personal
    assert found.title == "Mine"
    assert sum(s.personal for s in library.sessions()) == 1


def test_a_broken_file_of_ones_own_is_reported_not_fatal(tmp_path: Path) -> None:
    MySessions(tmp_path).save(PatternDraft(title="Fine"))
    (tmp_path / "mine-9.toml").write_text("pfrelax = 1\nid = \n", encoding="utf-8")
    mine = MySessions(tmp_path)
    assert [s.title for s in mine.sessions()] == ["Fine"]
    assert mine.problems
    assert mine.problems[0].file.endswith("mine-9.toml")


RENAMED = 'pfrelax = 1\nid = "{id}"\ntitle = "{title}"\n[[step]]\ntype = "rest"\nseconds = 10\n'


def test_a_file_whose_id_is_not_its_name_is_left_out_so_a_delete_cannot_hit_another(
    tmp_path: Path,
) -> None:
    mine = MySessions(tmp_path)
    kept = mine.save(PatternDraft(title="Kept"))  # mine-1.toml
    (tmp_path / "copied.toml").write_text(RENAMED.format(id="mine-1", title="Copied"), "utf-8")
    listed = MySessions(tmp_path)
    assert [s.title for s in listed.sessions()] == ["Kept"]
    assert [(p.file, p.key) for p in listed.problems] == [(str(tmp_path / "copied.toml"), "id")]
    assert "name the file mine-1.toml" in listed.problems[0].message
    assert listed.sessions()[0].id == kept.id


def test_a_file_of_ones_own_with_a_built_in_id_leaves_the_built_in_playable(
    tmp_path: Path,
) -> None:
    (tmp_path / "coherent-5-5.toml").write_text(
        RENAMED.format(id="coherent-5-5", title="Mine"), "utf-8"
    )
    library = SessionLibrary(paths.builtin_sessions_dir(), personal_dir=tmp_path)
    found = library.find("coherent-5-5")
    assert not found.personal
    assert [(p.key, "built-in" in p.message) for p in library.problems] == [("id", True)]
