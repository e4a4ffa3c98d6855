"""Breathing patterns: shorthand, exact milliseconds, rate and bounds."""

from __future__ import annotations

import pytest

from pfrelax.core.durations import DurationError, format_clock, seconds_to_ms
from pfrelax.core.limits import CLINICIAN_LIMITS, DEFAULT_LIMITS, check_pattern
from pfrelax.core.pattern import Pattern, PatternError, parse_shorthand


def test_two_part_shorthand_is_inhale_and_exhale() -> None:
    assert parse_shorthand("4-6") == Pattern(inhale_ms=4000, exhale_ms=6000)


def test_four_part_shorthand_has_both_holds() -> None:
    pattern = parse_shorthand("4-7-8-0")
    assert (pattern.inhale_ms, pattern.hold_in_ms, pattern.exhale_ms, pattern.hold_out_ms) == (
        4000,
        7000,
        8000,
        0,
    )


def test_three_part_shorthand_is_inhale_hold_exhale() -> None:
    assert parse_shorthand("2-3.5-4") == Pattern(inhale_ms=2000, hold_in_ms=3500, exhale_ms=4000)


def test_top_up_is_written_with_a_plus() -> None:
    pattern = parse_shorthand("2+1-0-6-0")
    assert pattern.top_up_ms == 1000
    assert pattern.shorthand() == "2+1-0-6-0"


def test_decimal_seconds_are_exact() -> None:
    assert seconds_to_ms(0.3) == 300
    assert seconds_to_ms("4.5") == 4500
    assert seconds_to_ms(7) == 7000


def test_finer_than_a_tenth_is_refused_with_a_fix() -> None:
    with pytest.raises(DurationError, match=r"^4\.25 s is finer than 0\.1 s; round it"):
        seconds_to_ms(4.25)


def test_garbage_shorthand_says_how_to_write_one() -> None:
    with pytest.raises(PatternError) as error:
        parse_shorthand("four-six")
    assert str(error.value) == "\"four-six\": 'four' is not a number of seconds"
    with pytest.raises(PatternError) as error:
        parse_shorthand("4")
    assert str(error.value) == (
        '"4" is not a pattern; write inhale-exhale ("4-6") '
        'or inhale-hold-exhale-hold ("4-7-8-0") in seconds'
    )


@pytest.mark.parametrize(
    ("text", "bpm"),
    [("5-5", 6.0), ("4-6", 6.0), ("4-4-4-4", 3.75), ("3-7", 6.0)],
)
def test_breaths_per_minute(text: str, bpm: float) -> None:
    assert parse_shorthand(text).breaths_per_minute == pytest.approx(bpm)


def test_glide_stays_on_the_tenth_second_grid() -> None:
    start, end = parse_shorthand("3-4.5"), parse_shorthand("4-8")
    middle = start.glide_to(end, 0.37)
    assert middle.inhale_ms % 100 == 0
    assert middle.exhale_ms % 100 == 0
    assert start.glide_to(end, 1.0) == end


def test_safe_patterns_pass_default_bounds() -> None:
    for text in ("5-5", "4-6", "3-7", "4-4-4-4", "4-7-8-0", "2+1-0-6-0"):
        assert check_pattern(parse_shorthand(text)) == [], text


def test_exhale_over_default_points_at_clinician_limit() -> None:
    problems = check_pattern(parse_shorthand("4-16"))
    assert problems == [
        (
            "exhale",
            "16 s is over the 15 s maximum "
            '(a PT\'s pack with limits = "clinician" allows up to 30 s)',
        )
    ]


def test_exhale_over_the_clinician_maximum_has_no_way_out() -> None:
    problems = check_pattern(parse_shorthand("4-45"), CLINICIAN_LIMITS)
    assert problems == [("exhale", "45 s is over the 30 s maximum")]


def test_inhale_with_top_up_is_bounded_together() -> None:
    problems = check_pattern(parse_shorthand("7+2-8"), DEFAULT_LIMITS)
    assert problems[0][0] == "inhale + top_up"


def test_too_fast_a_rate_is_refused() -> None:
    assert check_pattern(parse_shorthand("1-2")) == [
        ("rate", "20.0 breaths a minute is outside 3–10; make the phases shorter or longer")
    ]


def test_clock_format_rounds_up() -> None:
    assert format_clock(0) == "0:00"
    assert format_clock(1) == "0:01"
    assert format_clock(61_000) == "1:01"
    assert format_clock(3_600_000) == "1:00:00"
