"""A pack's own check-in questions ([[checkin.item]]) and suggested dilator sizes in its plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfrelax.core.own_questions import AskWhen, OwnQuestion
from pfrelax.formats.pack import read_pack
from pfrelax.formats.pack_manifest import parse_manifest
from pfrelax.formats.problems import PackError

from .packkit import MANIFEST, SESSION, pack_files, write_folder

HEAD = MANIFEST.split("[checkin]")[0].format(version="1.0.0")  # the checkin table is ours
CONFIDENCE = """
[[checkin.item]]
id = "insertion_confidence"
question = "How confident do you feel about insertion today?"
low = "not at all"
high = "completely"
"""


def manifest_problems(checkin: str) -> list[str]:
    _manifest, problems = parse_manifest(HEAD + checkin)
    return [str(problem) for problem in problems]


def test_an_item_named_in_measures_is_asked_before_and_after_sessions() -> None:
    checkin = '[checkin]\nmeasures = ["distress", "insertion_confidence"]\n' + CONFIDENCE
    manifest, problems = parse_manifest(HEAD + checkin)
    assert problems == []
    assert manifest.checkin_measures == ("distress",)  # the built-in lists keep built-in ids
    assert manifest.checkin_items == (
        OwnQuestion(
            "insertion_confidence",
            "How confident do you feel about insertion today?",
            "not at all",
            "completely",
            (AskWhen.BEFORE, AskWhen.AFTER),
        ),
    )


def test_an_item_named_in_weekly_is_asked_weekly_and_measures_keep_their_default() -> None:
    manifest, problems = parse_manifest(
        HEAD + '[checkin]\nweekly = ["insertion_confidence"]\n' + CONFIDENCE
    )
    assert problems == []
    assert manifest.checkin_measures == ("distress", "pelvic_tension", "mood")
    assert manifest.checkin_weekly == ()
    assert manifest.checkin_items[0].when == (AskWhen.WEEKLY,)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            'id = "pain"',
            "checkin.item[0].id: 'pain' is a built-in measure; name it in measures "
            "or weekly instead, or give your question its own id",
        ),
        (
            'id = "Confidence!"',
            "checkin.item[0].id: 'Confidence!' is not a valid id; use 2–41 "
            "lowercase letters, digits and underscores, starting with a letter, e.g. "
            "'insertion_confidence'",
        ),
        (
            'id = "calm"\nquestion = " "',
            "checkin.item[0].question: is empty; write the question asked",
        ),
        ('id = "calm"\nlevel = 3', "checkin.item[0].level: unknown key 'level'"),
    ],
)
def test_each_item_mistake_has_its_message(item: str, message: str) -> None:
    base = {"question": 'question = "Calm?"', "low": 'low = "no"', "high": 'high = "yes"'}
    lines = [item] + [line for key, line in base.items() if f"{key} =" not in item]
    text = '[checkin]\nweekly = ["calm"]\n[[checkin.item]]\n' + "\n".join(lines) + "\n"
    found = manifest_problems(text)
    assert any(message in problem for problem in found), found


def test_an_item_needs_its_anchor_words() -> None:
    found = manifest_problems(
        '[checkin]\nweekly = ["calm"]\n[[checkin.item]]\nid = "calm"\nquestion = "Calm?"\n'
    )
    assert [p.split(": ", 1)[1] for p in found] == [
        "checkin.item[0]: missing required key 'low'",
        "checkin.item[0]: missing required key 'high'",
    ]


def test_an_item_never_named_and_a_name_with_no_item_are_both_reported() -> None:
    found = manifest_problems('[checkin]\nmeasures = ["insertion_confidense"]\n' + CONFIDENCE)
    assert [p.split(": ", 1)[1] for p in found] == [
        "checkin.measures[0]: 'insertion_confidense' is not a check-in measure; did you mean "
        "'insertion_confidence'?",
        "checkin.item[0].id: 'insertion_confidence' is never asked; name it in [checkin] "
        "measures (before and after sessions) or weekly",
    ]


def test_two_items_may_not_share_an_id() -> None:
    found = manifest_problems('[checkin]\nweekly = ["insertion_confidence"]\n' + CONFIDENCE * 2)
    assert [p.split(": ", 1)[1] for p in found] == [
        "checkin.item[1].id: 'insertion_confidence' is used by an earlier question"
    ]


DILATOR_SESSION = """\
pfrelax = 1
id = "practice"
title = "Practice"
[[step]]
type = "dilator"
pattern = "4-6"
"""


def test_a_plan_entry_suggests_sizes_for_a_dilator_session(tmp_path: Path) -> None:
    files = pack_files()
    files["sessions/practice.toml"] = DILATOR_SESSION.encode()
    files["pack.toml"] += b'\n[[plan]]\nsession = "practice"\nweeks = "5-8"\nsizes = ["2", "3"]\n'
    pack = read_pack(write_folder(tmp_path / "pack", files))
    assert pack.plan[-1].sizes == ("2", "3")


def test_sizes_are_refused_for_a_session_without_a_dilator_step(tmp_path: Path) -> None:
    files = pack_files()
    old = b'note = "Morning and evening."'
    files["pack.toml"] = files["pack.toml"].replace(old, old + b'\nsizes = ["2"]')
    with pytest.raises(PackError) as caught:
        read_pack(write_folder(tmp_path / "pack", files))
    assert [str(p) for p in caught.value.problems] == [
        "pack.toml:13: plan[0].sizes: sizes are suggested only for a session with a dilator step"
    ]
    assert SESSION  # the ordinary session in the kit is a breathing one


def test_size_names_are_short_text() -> None:
    found = manifest_problems('[[plan]]\nsession = "x"\nweeks = 1\nsizes = [2]\n')
    assert [p.split(": ", 1)[1] for p in found] == [
        'plan[1].sizes: expected a list of size names, like ["2", "3"]'
    ]


EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "riverside-release"


def test_the_example_pack_has_a_contraction_a_dilator_plan_and_its_own_question() -> None:
    from pfrelax.core.session import DilatorStep, PelvicFloorStep, PelvicKind

    pack = read_pack(EXAMPLE)
    sessions = {session.id: session for session in pack.sessions}
    awareness = sessions["find-the-let-go"]
    assert awareness.has_contractions
    assert awareness.safety_first
    kinds = [s.pelvic_kind for s in awareness.steps if isinstance(s, PelvicFloorStep)]
    assert kinds == [PelvicKind.CONTRACT_RELEASE, PelvicKind.RELEASE]
    assert any(isinstance(s, DilatorStep) for s in sessions["practice-with-the-breath"].steps)
    sizes = [(e.weeks, e.sizes) for e in pack.plan if e.session == "practice-with-the-breath"]
    assert sizes == [((3,), ("1",)), ((4,), ("1", "2"))]
    assert [(item.id, item.when) for item in pack.checkin_items] == [
        ("insertion_confidence", (AskWhen.WEEKLY,))
    ]
