"""Session files: what a valid file becomes, and the exact message for each file-level mistake."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from pfrelax.core.limits import CLINICIAN_LIMITS, DEFAULT_LIMITS, Limits
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Cues, Prompts, Ramp, RestStep, SpeakStep
from pfrelax.formats.problems import SessionFileError
from pfrelax.formats.session_file import load_session, parse_session

DATA = Path(__file__).parents[2] / "data" / "sessions"

STEP = '\n[[step]]\ntype = "rest"\nseconds = 60\n'
HEADER = 'pfrelax = 1\nid = "test"\ntitle = "Test"\n'


def problems_in(text: str, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    with pytest.raises(SessionFileError) as caught:
        parse_session(dedent(text), "s.toml", limits=limits)
    return [str(problem) for problem in caught.value.problems]


def test_a_complete_file_becomes_a_session_with_every_key_read() -> None:
    session = load_session(DATA / "evening-release.toml", pack_id="pt.pack", pack_version="1.0.0")

    assert session.id == "evening-release"
    assert session.title == "Evening release"
    assert session.tags == ("pelvic floor", "evening")
    assert session.checkin == ("before", "after")
    assert session.language == "en"
    assert session.safety.startswith("Practise lying down")
    assert session.origin == DATA / "evening-release.toml"
    assert session.address == "pt.pack/evening-release"
    speak, drop, ramped, rest = session.steps
    assert isinstance(speak, SpeakStep)
    assert speak.seconds_ms == 30_000
    assert speak.text.startswith("Lie down with your knees bent, or sit back in a chair. Let")
    assert drop == BreatheStep(
        title="Drop on the in-breath",
        pattern=Pattern(inhale_ms=4000, exhale_ms=6000),
        target_ms=180_000,
        prompts=Prompts(
            inhale="Let the belly and pelvic floor soften and widen",
            exhale="Let it float back on its own",
        ),
    )
    assert isinstance(ramped, BreatheStep)
    assert ramped.ramp == Ramp(Pattern(inhale_ms=4000, exhale_ms=7500), 120_000)
    assert ramped.cues is Cues.VOICE
    assert ramped.title == "Breathe 4-6 to 4-7.5"
    assert rest == RestStep("Rest", 60_000, "Let your breath find its own rhythm.")


def test_optional_keys_take_their_defaults() -> None:
    text = HEADER + '\n[[step]]\ntype = "breathe"\npattern = "4-6"\ncycles = 6\n'
    text += '\n[[step]]\ntype = "speak"\ntext = "Hello"\nseconds = 5\n' + STEP

    session = parse_session(text, "s.toml")

    assert (session.language, session.checkin, session.tags) == ("en", ("before", "after"), ())
    assert [step.title for step in session.steps] == ["Breathe 4-6", "Narration", "Rest"]
    assert isinstance(session.steps[0], BreatheStep)
    assert session.steps[0].cues is Cues.TONES


def test_an_empty_checkin_list_means_no_checkin() -> None:
    assert parse_session(HEADER + "checkin = []\n" + STEP, "s.toml").checkin == ()


def test_a_toml_syntax_error_names_line_and_column_and_how_to_fix_it() -> None:
    with pytest.raises(SessionFileError) as caught:
        load_session(DATA / "syntax-error.toml")

    assert [str(p) for p in caught.value.problems] == [
        f"{DATA / 'syntax-error.toml'}:3: TOML syntax error at column 9: Invalid value; "
        'text must be in double quotes, e.g. title = "Evening calm"'
    ]


def test_a_text_left_open_at_the_end_of_the_file_points_at_its_line() -> None:
    assert problems_in('pfrelax = 1\nid = "x"\ntitle = """Open\n\n') == [
        "s.toml:3: TOML syntax error: Unterminated string; "
        "a text value is missing its closing quote"
    ]


def test_a_key_written_twice_is_a_syntax_error_on_the_second_line() -> None:
    assert problems_in('pfrelax = 1\nid = "a"\ntitle = "T"\nid = "b"\n') == [
        "s.toml:4: TOML syntax error at column 9: Cannot overwrite a value; "
        "a key is written twice; keep only one"
    ]


def test_a_newer_format_version_is_refused_before_anything_else() -> None:
    assert problems_in('pfrelax = 2\nid = "x"\ncolour = "red"\n') == [
        "s.toml:1: pfrelax: this file is written for pfrelax format 2; this version of pfrelax "
        "reads format 1. Update pfrelax to open it."
    ]


def test_the_format_version_is_required_and_a_whole_number() -> None:
    assert problems_in('id = "x"\ntitle = "T"\n' + STEP) == [
        "s.toml: missing required key 'pfrelax'; start the file with pfrelax = 1"
    ]
    assert problems_in('pfrelax = "1"\nid = "x"\ntitle = "T"\n' + STEP) == [
        "s.toml:1: pfrelax: expected a whole number (the format version), got text ('1')"
    ]


def test_a_missing_title_is_named() -> None:
    assert problems_in('pfrelax = 1\nid = "x"\n' + STEP) == ["s.toml: missing required key 'title'"]


def test_an_empty_title_is_refused() -> None:
    assert problems_in('pfrelax = 1\nid = "x"\ntitle = "  "\n' + STEP) == [
        "s.toml:3: title: the title is empty; write the name shown in the session list"
    ]


def test_a_title_a_history_could_not_import_back_is_refused() -> None:
    """The title is what a history keeps of a run, and an import refuses one over 200 characters
    or on two lines; a session file must not record what its own export cannot bring back."""
    long_title = "t" * 201
    assert problems_in(f'pfrelax = 1\nid = "x"\ntitle = "{long_title}"\n' + STEP) == [
        "s.toml:3: title: is 201 characters; keep it to at most 200"
    ]
    assert problems_in('pfrelax = 1\nid = "x"\ntitle = "Evening\\nwind-down"\n' + STEP) == [
        "s.toml:3: title: has a line break; keep it to one line"
    ]


def test_a_value_of_the_wrong_type_says_what_was_expected_and_what_was_found() -> None:
    assert problems_in('pfrelax = 1\nid = "x"\ntitle = 4\n' + STEP) == [
        "s.toml:3: title: expected text, got a number (4)"
    ]


def test_a_bad_id_states_the_rule_and_suggests_one() -> None:
    assert problems_in('pfrelax = 1\nid = "Evening Calm!"\ntitle = "T"\n' + STEP) == [
        "s.toml:2: id: 'Evening Calm!' is not a valid id; use 1–63 lowercase letters (a–z), "
        "digits and hyphens, starting with a letter or digit, e.g. 'evening-calm'"
    ]


def test_an_id_of_64_characters_is_too_long() -> None:
    long_id = "a" * 64
    problems = problems_in(f'pfrelax = 1\nid = "{long_id}"\ntitle = "T"\n' + STEP)
    assert problems[0].startswith(f"s.toml:2: id: '{long_id}' is not a valid id;")


def test_an_unknown_key_suggests_the_near_miss() -> None:
    assert problems_in(HEADER + 'sumary = "Short"\n' + STEP) == [
        "s.toml:4: sumary: unknown key 'sumary'; did you mean 'summary'?"
    ]


def test_an_unknown_key_with_no_near_miss_lists_the_keys() -> None:
    assert problems_in(HEADER + 'colour = "red"\n' + STEP) == [
        "s.toml:4: colour: unknown key 'colour'; the keys here are 'pfrelax', 'id', 'title', "
        "'summary', 'language', 'tags', 'checkin', 'ambient', 'source', 'safety' or 'step'"
    ]


def test_a_language_must_be_a_language_tag() -> None:
    assert problems_in(HEADER + 'language = "English (UK)"\n' + STEP) == [
        "s.toml:4: language: 'English (UK)' is not a language tag; "
        "use a BCP-47 tag such as 'en', 'de' or 'pt-BR'"
    ]


def test_a_wrong_tag_is_named_by_its_index_on_its_own_line() -> None:
    text = HEADER + 'tags = [\n  "calm",\n  3,\n]\n' + STEP
    assert problems_in(text) == ["s.toml:6: tags[1]: expected text, got a number (3)"]


def test_a_checkin_time_typo_gets_a_suggestion() -> None:
    assert problems_in(HEADER + 'checkin = ["before", "aftr"]\n' + STEP) == [
        "s.toml:4: checkin[1]: 'aftr' is not a check-in time; did you mean 'after'?"
    ]


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    with pytest.raises(SessionFileError) as caught:
        load_session(DATA / "three-mistakes.toml")

    name = DATA / "three-mistakes.toml"
    assert [str(p) for p in caught.value.problems] == [
        f"{name}:7: step[0].pattren: unknown key 'pattren'; did you mean 'pattern'?",
        f"{name}:8: step[0].pattern.exhale: 16 s is over the 15 s maximum "
        '(a PT\'s pack with limits = "clinician" allows up to 30 s)',
        f"{name}:10: step[0].cycles: give exactly one of minutes, seconds or cycles "
        "(this step has minutes and cycles)",
    ]


def test_a_session_needs_at_least_one_step() -> None:
    assert problems_in(HEADER) == [
        "s.toml: a session needs at least one step; add a [[step]] table"
    ]


def test_a_single_bracket_step_table_explains_the_double_brackets() -> None:
    assert problems_in(HEADER + '\n[step]\ntype = "rest"\nseconds = 5\n') == [
        "s.toml:5: step: write each step as [[step]] (two brackets), not [step]"
    ]


def test_a_session_with_holds_needs_a_safety_note() -> None:
    text = HEADER + '\n[[step]]\ntype = "breathe"\npattern = "4-4-4-4"\ncycles = 4\n'
    assert problems_in(text) == [
        "s.toml: safety: this session uses breath holds; add a `safety` note saying so "
        "(it is shown before the session starts)"
    ]
    assert parse_session(HEADER + 'safety = "Includes holds."\n' + text[len(HEADER) :], "s")


def test_a_ramp_toward_holds_also_needs_a_safety_note() -> None:
    text = HEADER + dedent(
        """
        [[step]]
        type = "breathe"
        pattern = "4-6"
        minutes = 2
        ramp = { to = "4-2-6-0", minutes = 1 }
        """
    )
    assert problems_in(text)[0].startswith("s.toml: safety: this session uses breath holds")


def test_a_session_over_the_maximum_length_is_refused_with_the_clinician_hint() -> None:
    text = HEADER + '\n[[step]]\ntype = "breathe"\npattern = "4-6"\nminutes = 75\n'
    assert problems_in(text) == [
        "s.toml: the session lasts 75 min; the maximum is 60 min "
        '(a PT\'s pack with limits = "clinician" allows up to 120 min)'
    ]
    assert parse_session(text, "s.toml", limits=CLINICIAN_LIMITS).steps


def test_a_session_over_the_clinician_maximum_gets_no_hint() -> None:
    text = HEADER + '\n[[step]]\ntype = "rest"\nseconds = 7230\n'
    assert problems_in(text, CLINICIAN_LIMITS) == [
        "s.toml: the session lasts 120 min 30 s; the maximum is 120 min"
    ]


def test_recorded_narration_skips_the_length_check() -> None:
    text = HEADER + '\n[[step]]\ntype = "speak"\ntext = "Hi"\naudio = "audio/hi.ogg"\n'
    text += '\n[[step]]\ntype = "rest"\nseconds = 3700\n'
    assert parse_session(text, "s.toml").steps[0] == SpeakStep(
        "Narration", "Hi", None, "audio/hi.ogg"
    )


def test_a_missing_file_is_a_session_file_error() -> None:
    with pytest.raises(SessionFileError, match=r"^nowhere\.toml: no such file$"):
        load_session(Path("nowhere.toml"))


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'pfrelax = 1\nid = "x"\ntitle = "Caf\xe9"\n')
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert str(caught.value) == (
        f"{path}:3: the file is not UTF-8 text; save it as UTF-8 in your text editor"
    )


def test_a_byte_order_mark_from_a_windows_editor_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + STEP).encode())
    assert load_session(path).id == "test"


def toml_examples_in_the_guide() -> list[str]:
    guide = (Path(__file__).parents[3] / "docs" / "session-format.md").read_text(encoding="utf-8")
    blocks = guide.split("```toml\n")[1:]
    return [block.split("```")[0] for block in blocks if block.startswith("pfrelax = 1")]


def test_the_guide_s_whole_session_examples_are_valid() -> None:
    examples = toml_examples_in_the_guide()
    assert len(examples) == 2
    for example in examples:
        assert parse_session(example, "guide.toml").steps


def test_the_guide_s_complete_example_is_the_tested_fixture() -> None:
    fixture = (DATA / "evening-release.toml").read_text(encoding="utf-8")
    assert toml_examples_in_the_guide()[-1] == fixture.split("\n", 1)[1]


# Beyond a day (or 10,000 cycles) a value is out of range: tests/hostile/test_sessions_numbers.py.
@pytest.mark.parametrize("length", ["minutes = 1400", "cycles = 9999"])
def test_an_absurd_length_is_refused_quickly_without_laying_out_every_breath(length: str) -> None:
    text = HEADER + f'\n[[step]]\ntype = "breathe"\npattern = "4-6"\n{length}\n'
    assert problems_in(text)[0].startswith("s.toml: the session lasts at least ")


def test_a_length_in_minutes_finer_than_the_grid_suggests_seconds() -> None:
    text = HEADER + '\n[[step]]\ntype = "breathe"\npattern = "4-6"\nminutes = 0.001\n'
    assert problems_in(text) == [
        "s.toml:8: step[0].minutes: 0.001 minutes is 0.06 s, finer than 0.1 s; "
        "write seconds = 0.1 instead"
    ]


def test_the_missing_holds_note_is_reported_with_the_other_problems() -> None:
    text = HEADER + 'colour = "red"\n\n[[step]]\ntype = "breathe"\npattern = "4-7-8"\ncycles = 4\n'
    assert [problem.split(": ")[1] for problem in problems_in(text)] == ["safety", "colour"]
