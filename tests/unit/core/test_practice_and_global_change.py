"""The practice log's bounds and weekly summary, own question ids, and when the PGIC is due."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from pfrelax.core.global_change import answer_words, due_milestone
from pfrelax.core.own_questions import fallback_label, is_own_question_id
from pfrelax.core.practice_log import (
    LoggedPractice,
    PracticeEntry,
    check_entry,
    parse_size_names,
    weekly_practice,
)

CET = timezone(timedelta(hours=1))


def logged(day: int, size: str, pain: int | None, anxiety: int | None = None) -> LoggedPractice:
    # 2026-11-23 is a Monday: days 0–6 are ISO week 48, 7+ week 49.
    when = datetime(2026, 11, 23, 20, 0, tzinfo=CET) + timedelta(days=day)
    return LoggedPractice(day, when, None, PracticeEntry(size, "half", 10, pain, anxiety))


def test_weekly_practice_counts_sizes_and_medians_per_iso_week() -> None:
    weeks = weekly_practice(
        [logged(0, "2", 4, 5), logged(2, "2", 2), logged(4, "3", None, 3), logged(8, "3", 1, 2)]
    )
    assert [(w.week, w.sessions, w.sizes, w.median_pain, w.median_anxiety) for w in weeks] == [
        (48, 3, ("2", "3"), 3.0, 4.0),
        (49, 1, ("3",), 1.0, 2.0),
    ]


def test_size_names_are_read_by_commas_or_spaces_in_the_persons_order() -> None:
    assert parse_size_names("1, 2, 3,,3") == ("1", "2", "3")
    assert parse_size_names("XS S M L XL") == ("XS", "S", "M", "L", "XL")
    assert parse_size_names("extra small, small") == ("extra small", "small")
    assert parse_size_names("  ") == ()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (PracticeEntry("", "tip"), "size: '' needs 1–40 characters"),
        (PracticeEntry("2", "deep"), "depth: 'deep' is not one of tip, half, comfortable"),  # type: ignore[arg-type]
        (PracticeEntry("2", "tip", minutes=181), "minutes: 181 is not a whole number 0–180"),
        (PracticeEntry("2", "tip", insertion_pain=11), "insertion_pain: 11 is not a whole"),
        (PracticeEntry("2", "tip", anxiety=-1), "anxiety: -1 is not a whole number 0–10"),
    ],
)
def test_an_entry_out_of_bounds_is_refused_naming_the_value(
    entry: PracticeEntry, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        check_entry(entry)


def test_own_question_ids_exclude_built_ins_and_their_typos() -> None:
    assert is_own_question_id("insertion_confidence")
    assert is_own_question_id("pain_with_sitting")
    assert not is_own_question_id("mood")
    assert not is_own_question_id("pelvic_tensoin")
    assert not is_own_question_id("Bad-Id")
    assert fallback_label("sleep_quality") == "Sleep quality"


START = date(2026, 1, 5)


@pytest.mark.parametrize(
    ("today", "last", "due"),
    [
        (START + timedelta(days=20), None, None),  # week 3
        (START + timedelta(days=21), None, 4),  # week 4 begins
        (START + timedelta(days=22), START + timedelta(days=21), None),  # answered this week
        (START + timedelta(days=60), START + timedelta(days=21), 8),  # week 9: the week-8 one
        (START + timedelta(days=200), None, 20),  # long away: asked once, for the latest
    ],
)
def test_the_global_change_question_is_due_once_per_milestone_reached(
    today: date, last: date | None, due: int | None
) -> None:
    assert due_milestone(START, today, last) == due
    assert due_milestone(None, today, last) is None


def test_global_change_answers_are_coded_one_best_to_seven_worst() -> None:
    assert answer_words(1) == "Very much improved"
    assert answer_words(4) == "No change"
    assert answer_words(7) == "Very much worse"
