"""Changing [checkin] in place keeps the PT's comments, and the validator accepts the result."""

from __future__ import annotations

import tomlkit

from pfrelax.formats.pack_manifest import parse_manifest
from pfrelax.services.studio_checkin import CheckinEditor

HEAD = """\
pfrelax-pack = 1
id = "riverside-pt.test"
version = "1.0.0"
title = "Test"
author = "Alex"   # as the patient knows me
created = 2026-11-20
"""
WITH_CHECKIN = (
    HEAD
    + """
[checkin]
# asked around each session
measures = ["distress", "mood"]

[[checkin.item]]
id = "confidence"   # my own
question = "How confident?"
low = "not at all"
high = "completely"
"""
)


def test_nothing_written_means_the_formats_defaults() -> None:
    editor = CheckinEditor(tomlkit.parse(HEAD))
    assert editor.asked("measures") == ["distress", "pelvic_tension", "mood"]
    assert editor.asked("weekly") == []
    assert editor.items() == []


def test_asking_a_measure_starts_from_the_defaults_and_is_valid() -> None:
    document = tomlkit.parse(HEAD)
    CheckinEditor(document).set_asked("measures", "pain", True)
    text = tomlkit.dumps(document)
    assert text.startswith(HEAD)
    assert 'measures = ["distress", "pelvic_tension", "mood", "pain"]' in text
    manifest, problems = parse_manifest(text)
    assert problems == []
    assert manifest.checkin_measures == ("distress", "pelvic_tension", "mood", "pain")


def test_an_added_question_is_valid_at_once_and_asked() -> None:
    document = tomlkit.parse(HEAD)
    editor = CheckinEditor(document)
    assert editor.add_item() == 0
    assert editor.add_item() == 1
    manifest, problems = parse_manifest(tomlkit.dumps(document))
    assert problems == []
    assert [item.id for item in manifest.checkin_items] == ["own_question_1", "own_question_2"]


def test_a_renamed_question_is_renamed_where_it_is_asked_and_comments_stay() -> None:
    document = tomlkit.parse(WITH_CHECKIN)
    editor = CheckinEditor(document)
    editor.set_asked("measures", "confidence", True)
    editor.set_asked("weekly", "confidence", True)
    editor.rename_item(0, "sure_of_it")
    text = tomlkit.dumps(document)
    assert "# asked around each session" in text
    assert 'id = "sure_of_it"   # my own' in text
    manifest, problems = parse_manifest(text)
    assert problems == []
    assert [(i.id, tuple(i.when)) for i in manifest.checkin_items] == [
        ("sure_of_it", ("before", "after", "weekly"))
    ]


def test_removing_the_last_question_removes_it_from_the_lists() -> None:
    document = tomlkit.parse(WITH_CHECKIN)
    editor = CheckinEditor(document)
    editor.set_asked("weekly", "confidence", True)
    editor.remove_item(0)
    text = tomlkit.dumps(document)
    assert "checkin.item" not in text
    assert "confidence" not in text
    assert parse_manifest(text)[1] == []


def test_questions_move_and_stop_at_the_ends() -> None:
    document = tomlkit.parse(HEAD)
    editor = CheckinEditor(document)
    editor.add_item()
    editor.add_item()
    assert editor.move_item(1, -1) == 0
    assert [item["id"] for item in editor.items()] == ["own_question_2", "own_question_1"]
    assert editor.move_item(0, -1) == 0
    assert parse_manifest(tomlkit.dumps(document))[1] == []
