"""The studio's plan service, without Qt: values written as a person would, a comment on a
changed line kept, a plan made from nothing, and each entry judged by the validator's parser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import tomlkit

from pfrelax.formats.pack_source import PackSource, TomlFile
from pfrelax.services.pack_plan import PlanEditor, PreviewToday, days_value, weeks_value

MANIFEST = """pfrelax-pack = 1
id = "sam.calm"
title = "Calm"

[[plan]]
session = "soften"
weeks = "1-2"      # two weeks to begin
days = "daily"
"""


def editor(text: str = MANIFEST) -> PlanEditor:
    session = tomlkit.parse(
        'id = "soften"\ntitle = "Soften"\n[[step]]\ntype = "rest"\nseconds = 5\n'
    )
    source = PackSource(
        Path("unused"),
        TomlFile("pack.toml", text, tomlkit.parse(text)),
        [TomlFile("sessions/soften.toml", "", session)],
    )
    return PlanEditor(source)


def written(plan: PlanEditor) -> str:
    return plan.source.manifest.text


@pytest.mark.parametrize(
    ("weeks", "value"),
    [((3,), "3"), ((1, 2, 3, 4), "1-4"), ((1, 2, 5), [1, 2, 5])],
)
def test_weeks_are_written_as_a_person_would(weeks: tuple[int, ...], value: object) -> None:
    assert weeks_value(weeks) == value


@pytest.mark.parametrize(
    ("days", "value"),
    [
        ((0, 1, 2, 3, 4, 5, 6), "daily"),
        ((0, 1, 2, 3, 4), "weekdays"),
        ((5, 6), "weekends"),
        ((0, 2, 4), ["mon", "wed", "fri"]),
    ],
)
def test_days_are_written_as_a_person_would(days: tuple[int, ...], value: object) -> None:
    assert days_value(days) == value


def test_a_changed_value_keeps_the_comment_on_its_line() -> None:
    plan = editor()
    plan.set_weeks(0, (1, 2, 3))
    assert 'weeks = "1-3"      # two weeks to begin\n' in written(plan)
    assert plan.weeks() == 3


def test_setting_a_value_to_what_it_is_writes_nothing() -> None:
    plan = editor()
    plan.set_weeks(0, (1, 2))
    plan.set_days(0, tuple(range(7)))
    plan.set_times(0, 1)
    plan.set_note(0, "")
    plan.set_sizes(0, "")
    assert written(plan) == MANIFEST


def test_weeks_typed_as_a_list_and_out_of_bounds_get_the_validators_words() -> None:
    plan = editor()
    plan.set_weeks_text(0, "1, 2, 60")
    assert "weeks = [1, 2, 60]" in written(plan)
    assert plan.rows()[0].problems == (
        "plan[0].weeks: week 60 is past week 52, the longest a plan runs",
    )
    assert plan.entries() == []  # Today shows nothing it could not read


def test_a_plan_from_nothing_and_back_to_nothing() -> None:
    plan = editor('pfrelax-pack = 1\nid = "sam.calm"\n')
    assert plan.rows() == []
    at = plan.add_entry("soften", range(1, 3))
    assert at == 0
    assert '[[plan]]\nsession = "soften"\nweeks = "1-2"\ndays = "daily"\n' in written(plan)
    assert plan.add_week() == 3
    assert plan.cell(3, 6) == [("soften", 1, "")]
    plan.remove_entry(0)
    assert "plan" not in written(plan)


def test_the_preview_starts_the_plan_so_the_day_falls_in_the_chosen_week() -> None:
    plan = editor()
    preview = PreviewToday()
    assert preview.plans() == []
    shown = preview.show(plan, 2, 4, date(2026, 12, 3))  # week 2, Friday, around a Thursday
    assert shown == date(2026, 12, 4)
    [pack] = preview.plans()
    assert pack.started == date(2026, 11, 23)  # the Monday a week before
    assert [s.title for s in pack.sessions] == ["Soften"]
