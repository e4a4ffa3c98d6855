"""Texts a pack refuses are refused in a history import too: a huge title, invisible direction
controls, a question with no words. Each names file, row and key; nothing is imported."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import open_database

from .conftest import run_cli
from .test_history_import_refusals import csv_folder, import_refused, json_file

RLO = "\u202e"
RUN = {
    "run_id": 1,
    "session": "daily",
    "title": "Daily",
    "pack": None,
    "pack_version": None,
    "started": "2020-11-23T08:30:00+01:00",
    "ended": None,
    "seconds": 60,
    "completed": True,
}
QUESTION = {"id": "sleep_quality", "question": "How did you sleep?", "low": "badly", "high": "well"}


@pytest.fixture
def history(home: Path) -> Path:
    with open_database(paths.database_path()) as db:
        Checkins(db).save_checkin("standalone", {"mood": 6}, note="a calm evening")
    return home


def export(root: Path, runs: Sequence[object], questions: Sequence[object] = ()) -> Path:
    document = {"format": "pfrelax-export", "version": 2, "runs": runs, "checkins": []}
    document["questions"] = list(questions)
    return json_file(root, json.dumps(document))


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("title", "x" * 100_000, "title: is 100,000 characters; keep it to at most 200"),
        ("title", "Evening\nwind-down", "title: has a line break; keep it to one line"),
        ("title", "   ", "title: has only spaces; write the text, or leave it empty"),
        (
            "title",
            f"Calm {RLO}txt.exe",
            "title: contains an invisible text-direction control (U+202E), which can make "
            "text read differently from what it says; remove it",
        ),
        (
            "session",
            f"daily{RLO}",
            "session: contains an invisible text-direction control (U+202E), which can make "
            "text read differently from what it says; remove it",
        ),
        (
            "session",
            "Evening Calm",
            "session: 'Evening Calm' is not a valid id; use 1–63 lowercase letters (a–z), "
            "digits and hyphens, starting with a letter or digit, e.g. 'evening-calm'",
        ),
        ("pack", "p" * 300, "pack: is 300 characters; keep it to at most 200"),
    ],
)
def test_a_run_text_a_pack_refuses_is_refused_naming_its_key(
    history: Path, tmp_path: Path, key: str, value: str, problem: str
) -> None:
    run = RUN | {key: value}
    if key == "pack":
        run["pack_version"] = "1.0.0"
    file = export(tmp_path, [run])
    assert import_refused(history, ["--json", str(file)]) == [f"export.json: runs[0].{problem}"]


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("question", "", "question: is empty; write the words the person reads"),
        ("question", " \u200b ", "question: is empty; write the words the person reads"),
        ("low", "", "low: is empty; write the words the person reads"),
        (
            "high",
            f"well{RLO}",
            "high: contains an invisible text-direction control (U+202E), which can make text "
            "read differently from what it says; remove it",
        ),
    ],
)
def test_an_own_question_without_words_is_refused(
    history: Path, tmp_path: Path, key: str, value: str, problem: str
) -> None:
    file = export(tmp_path, [RUN], [QUESTION | {key: value}])
    assert import_refused(history, ["--json", str(file)]) == [
        f"export.json: questions[0].{problem}"
    ]


def test_a_session_id_with_a_direction_control_in_csv_names_line_and_column(
    history: Path, tmp_path: Path
) -> None:
    run = f"1,daily{RLO},,,2020-11-23T08:30:00+01:00,,60,1\n"
    checkin = f"1,2020-11-23T08:29:00+01:00,before,daily{RLO},mood,5,\n"
    folder = csv_folder(tmp_path, run, checkin)
    problem = (
        "contains an invisible text-direction control (U+202E), which can make text read "
        "differently from what it says; remove it"
    )
    assert import_refused(history, ["--csv", str(folder)]) == [
        f"runs.csv:2: column session: {problem}",
        f"checkins.csv:2: column session: {problem}",
    ]


def test_titles_and_questions_as_the_app_writes_them_still_import(
    home: Path, tmp_path: Path
) -> None:
    run = RUN | {"title": "Abendruhe — שלום, 5 min", "session": "evening-calm-2"}
    file = export(tmp_path, [run], [QUESTION])
    ran = run_cli(["import", "--json", str(file)], home)
    assert (ran.code, ran.err) == (0, "")
