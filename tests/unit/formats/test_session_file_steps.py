"""Session file steps: the exact message, key path and line for each mistake inside a [[step]]."""

from __future__ import annotations

from textwrap import dedent

import pytest

from pfrelax.core.limits import CLINICIAN_LIMITS, DEFAULT_LIMITS, Limits
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, SpeakStep
from pfrelax.formats.problems import SessionFileError
from pfrelax.formats.session_file import parse_session

# The first [[step]] header is on line 5, so its keys start on line 6.
HEADER = 'pfrelax = 1\nid = "test"\ntitle = "Test"\nsafety = "Has holds."\n'


def problems_in(step: str, limits: Limits = DEFAULT_LIMITS, **options: object) -> list[str]:
    text = HEADER + "[[step]]\n" + dedent(step)
    with pytest.raises(SessionFileError) as caught:
        parse_session(text, "s.toml", limits=limits, **options)  # type: ignore[arg-type]
    return [str(problem) for problem in caught.value.problems]


def breathe(pattern: str, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    return problems_in(f'type = "breathe"\npattern = {pattern}\ncycles = 4\n', limits)


def test_a_step_needs_a_type() -> None:
    assert problems_in("seconds = 5\n") == [
        "s.toml:5: step[0]: missing required key 'type'; "
        "use 'speak', 'breathe', 'rest', 'pelvic_floor' or 'dilator'"
    ]


def test_a_step_type_typo_gets_a_suggestion() -> None:
    assert problems_in('type = "breath"\n') == [
        "s.toml:6: step[0].type: 'breath' is not a step type; did you mean 'breathe'?"
    ]


def test_an_unknown_step_type_with_no_near_miss_lists_the_types() -> None:
    assert problems_in('type = "music"\n') == [
        "s.toml:6: step[0].type: 'music' is not a step type; "
        "use 'speak', 'breathe', 'rest', 'pelvic_floor' or 'dilator'"
    ]


def test_a_key_that_belongs_to_another_step_type_says_so() -> None:
    assert problems_in('type = "rest"\nseconds = 5\npattern = "4-6"\n') == [
        "s.toml:8: step[0].pattern: 'pattern' belongs in a breathe step, not in a rest step"
    ]


def test_an_unknown_step_key_suggests_the_near_miss() -> None:
    assert problems_in('type = "breathe"\npattren = "4-6"\npattern = "4-6"\nminutes = 1\n') == [
        "s.toml:7: step[0].pattren: unknown key 'pattren'; did you mean 'pattern'?"
    ]


def test_steps_are_numbered_from_zero_in_file_order() -> None:
    step = 'type = "rest"\nseconds = 5\n\n[[step]]\ntype = "rest"\nseconds = -1\n'
    assert problems_in(step) == ["s.toml:11: step[1].seconds: -1 s is negative"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ('"9-6"', "step[0].pattern.inhale: 9 s is over the 8 s maximum"),
        ('"4-16"', "step[0].pattern.exhale: 16 s is over the 15 s maximum"),
        ('"4-8-8-0"', "step[0].pattern.hold_in: 8 s is over the 7 s maximum"),
        ('"4-0-8-5"', "step[0].pattern.hold_out: 5 s is over the 4 s maximum"),
    ],
)
def test_a_phase_over_its_maximum_names_the_phase_and_the_clinician_limit(
    pattern: str, expected: str
) -> None:
    high = {"inhale": 12, "exhale": 30, "hold_in": 10, "hold_out": 10}
    phase = expected.split(":")[0].rsplit(".", 1)[1]
    assert breathe(pattern) == [
        f's.toml:7: {expected} (a PT\'s pack with limits = "clinician" allows up to '
        f"{high[phase]} s)"
    ]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ('"0.5-6"', "step[0].pattern.inhale: 0.5 s is under the 1 s minimum"),
        ('"4-1.5"', "step[0].pattern.exhale: 1.5 s is under the 2 s minimum"),
    ],
)
def test_a_phase_under_its_minimum_is_refused(pattern: str, expected: str) -> None:
    assert breathe(pattern) == [f"s.toml:7: {expected}"]


def test_a_pattern_too_fast_is_refused_by_its_rate() -> None:
    assert breathe('"2-2"') == [
        "s.toml:7: step[0].pattern: 15.0 breaths a minute is outside 3–10; "
        "make the phases shorter or longer"
    ]


def test_clinician_limits_allow_more_but_not_beyond_their_maximum() -> None:
    text = HEADER + '[[step]]\ntype = "breathe"\npattern = "4-16"\ncycles = 2\n'
    assert parse_session(text, "s.toml", limits=CLINICIAN_LIMITS).steps
    assert breathe('"4-31"', CLINICIAN_LIMITS) == [
        "s.toml:7: step[0].pattern.exhale: 31 s is over the 30 s maximum"
    ]


def test_an_inhale_with_its_top_up_is_checked_together() -> None:
    assert breathe("{ inhale = 7, top_up = 1.5, exhale = 8 }") == [
        "s.toml:7: step[0].pattern.inhale: with the top-up, 8.5 s is over the 8 s maximum "
        '(a PT\'s pack with limits = "clinician" allows up to 12 s)'
    ]


def test_a_table_pattern_reads_every_phase() -> None:
    text = HEADER + dedent(
        """\
        [[step]]
        type = "breathe"
        pattern = { inhale = 2, top_up = 1, hold_in = 0.5, exhale = 6.5, hold_out = 1 }
        seconds = 60
        """
    )
    step = parse_session(text, "s.toml").steps[0]
    assert isinstance(step, BreatheStep)
    assert step.pattern == Pattern(2000, 6500, hold_in_ms=500, hold_out_ms=1000, top_up_ms=1000)
    assert step.target_ms == 60_000


def test_a_duration_finer_than_a_tenth_of_a_second_is_refused_at_its_key() -> None:
    assert breathe("{ inhale = 4, exhale = 6.05 }") == [
        "s.toml:7: step[0].pattern.exhale: 6.05 s is finer than 0.1 s; "
        "round it to one decimal place (e.g. 6.0)"
    ]
    assert problems_in('type = "rest"\nseconds = 0.05\n') == [
        "s.toml:7: step[0].seconds: 0.05 s is finer than 0.1 s; "
        "round it to one decimal place (e.g. 0.0)"
    ]


def test_a_pattern_table_needs_inhale_and_exhale_and_suggests_phase_names() -> None:
    assert breathe("{ inhale = 4, hold = 2 }") == [
        "s.toml:7: step[0].pattern.hold: unknown key 'hold'; did you mean 'hold_in'?",
        "s.toml:7: step[0].pattern: missing required key 'exhale'",
    ]


def test_a_shorthand_that_is_not_a_pattern_says_how_to_write_one() -> None:
    assert breathe('"4 6"') == [
        's.toml:7: step[0].pattern: "4 6" is not a pattern; write inhale-exhale ("4-6") '
        'or inhale-hold-exhale-hold ("4-7-8-0") in seconds'
    ]


def test_a_pattern_of_the_wrong_type_shows_both_forms() -> None:
    assert breathe("4") == [
        's.toml:7: step[0].pattern: expected a pattern like "4-6" or { inhale = 4, exhale = 6 }, '
        "got a number (4)"
    ]


def test_both_minutes_and_cycles_is_refused() -> None:
    assert problems_in('type = "breathe"\npattern = "4-6"\nminutes = 3\ncycles = 18\n') == [
        "s.toml:9: step[0].cycles: give exactly one of minutes, seconds or cycles "
        "(this step has minutes and cycles)"
    ]


def test_a_breathing_step_needs_a_length() -> None:
    assert problems_in('type = "breathe"\npattern = "4-6"\n') == [
        "s.toml:5: step[0]: give exactly one of minutes, seconds or cycles; e.g. minutes = 5"
    ]


@pytest.mark.parametrize(
    ("cycles", "message"),
    [("0", "must be at least 1"), ("2.5", "expected a whole number, got a number (2.5)")],
)
def test_cycles_must_be_a_positive_whole_number(cycles: str, message: str) -> None:
    step = f'type = "breathe"\npattern = "4-6"\ncycles = {cycles}\n'
    assert problems_in(step) == [f"s.toml:8: step[0].cycles: {message}"]


def test_minutes_may_be_decimal_and_become_milliseconds() -> None:
    text = HEADER + '[[step]]\ntype = "breathe"\npattern = "4-6"\nminutes = 4.5\n'
    step = parse_session(text, "s.toml").steps[0]
    assert isinstance(step, BreatheStep)
    assert step.target_ms == 270_000


def test_a_ramp_target_is_checked_against_the_bounds() -> None:
    step = 'type = "breathe"\npattern = "4-6"\nminutes = 3\nramp = { to = "4-20", minutes = 2 }\n'
    assert problems_in(step) == [
        "s.toml:9: step[0].ramp.to.exhale: 20 s is over the 15 s maximum "
        '(a PT\'s pack with limits = "clinician" allows up to 30 s)'
    ]


def test_a_ramp_needs_a_target_and_one_length() -> None:
    step = 'type = "breathe"\npattern = "4-6"\nminutes = 3\nramp = { minutes = 2, seconds = 5 }\n'
    assert problems_in(step) == [
        "s.toml:9: step[0].ramp: missing required key 'to'; "
        'e.g. ramp = { to = "4-8", minutes = 3 }',
        "s.toml:9: step[0].ramp: give exactly one of minutes or seconds "
        "(this ramp has minutes and seconds)",
    ]


def test_cues_must_be_tones_voice_or_none() -> None:
    assert problems_in('type = "breathe"\npattern = "4-6"\ncycles = 2\ncues = "tone"\n') == [
        "s.toml:9: step[0].cues: 'tone' is not one of 'tones', 'voice' or 'none'; "
        "did you mean 'tones'?"
    ]


def test_an_unknown_prompt_suggests_the_phase() -> None:
    step = 'type = "breathe"\npattern = "4-6"\ncycles = 2\nprompts = { exhail = "Out" }\n'
    assert problems_in(step) == [
        "s.toml:9: step[0].prompts.exhail: unknown key 'exhail'; did you mean 'exhale'?"
    ]


def test_a_speak_step_needs_text_and_seconds_or_audio() -> None:
    assert problems_in('type = "speak"\n') == [
        "s.toml:5: step[0]: missing required key 'text'",
        "s.toml:5: step[0]: missing required key 'seconds' (or an `audio` file); e.g. seconds = 30",
    ]


def test_a_rest_step_needs_seconds() -> None:
    assert problems_in('type = "rest"\ntext = "Rest now"\n') == [
        "s.toml:5: step[0]: missing required key 'seconds'; e.g. seconds = 60"
    ]


def test_a_speak_step_with_audio_needs_no_seconds() -> None:
    text = HEADER + '[[step]]\ntype = "speak"\ntext = "Hi"\naudio = "audio/hi.mp3"\n'
    assert parse_session(text, "s.toml", audio_exists=lambda path: True).steps == (
        SpeakStep("Narration", "Hi", None, "audio/hi.mp3"),
    )


@pytest.mark.parametrize("suffix", ["m4a", "aac"])
def test_aac_audio_is_refused_with_how_to_convert_it(suffix: str) -> None:
    assert problems_in(f'type = "speak"\ntext = "Hi"\naudio = "audio/in.{suffix}"\n') == [
        f"s.toml:8: step[0].audio: 'audio/in.{suffix}' is {suffix} (AAC) audio, which pfrelax "
        f"cannot play; convert it to .ogg or .mp3, e.g. `ffmpeg -i in.{suffix} in.ogg`, and "
        "name the .ogg here"
    ]


def test_audio_of_another_format_lists_the_formats() -> None:
    assert problems_in('type = "speak"\ntext = "Hi"\naudio = "audio/in.wma"\n') == [
        "s.toml:8: step[0].audio: 'audio/in.wma' is not an audio file pfrelax can use; "
        "use .wav, .flac, .ogg, .oga, .opus or .mp3"
    ]


def test_audio_missing_from_the_pack_is_named() -> None:
    step = 'type = "speak"\ntext = "Hi"\naudio = "audio/x.mp3"\n'
    assert problems_in(step, audio_exists=lambda path: False) == [
        "s.toml:8: step[0].audio: audio file 'audio/x.mp3' is not in the pack"
    ]


def test_audio_outside_the_pack_is_refused() -> None:
    assert problems_in('type = "speak"\ntext = "Hi"\naudio = "../secret.mp3"\n') == [
        "s.toml:8: step[0].audio: write the path inside the pack with forward slashes, "
        "like 'audio/secret.mp3'"
    ]


def test_captions_must_be_webvtt() -> None:
    step = 'type = "speak"\ntext = "Hi"\nseconds = 3\ncaptions = "captions/hi.srt"\n'
    assert problems_in(step) == [
        "s.toml:9: step[0].captions: 'captions/hi.srt' is not a captions file pfrelax can use; "
        "use .vtt"
    ]


def test_prompts_may_be_written_as_their_own_table_under_the_step() -> None:
    step = 'type = "breathe"\npattern = "4-6"\ncycles = 2\n[step.prompts]\nexhail = "Out"\n'
    assert problems_in(step) == [
        "s.toml:10: step[0].prompts.exhail: unknown key 'exhail'; did you mean 'exhale'?"
    ]
