"""Hostile history imports through the real command: each gets its exact message, exit status 1,
no traceback, and the data folder is byte-identical afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pfrelax import paths
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import open_database

from .conftest import refused, run_cli
from .folders import assert_unchanged, snapshot

RUNS_HEADER = "run_id,session,pack,pack_version,started,ended,seconds,completed\n"
CHECKINS_HEADER = "checkin_id,time,moment,session,measure,value,note\n"
GOOD_RUN = "1,daily,,,2020-11-23T08:30:00+01:00,2020-11-23T08:40:00+01:00,600,1\n"
DOCUMENT = '{"format": "pfrelax-export", "version": 1, "runs": %s, "checkins": %s}'


@pytest.fixture
def history(home: Path) -> Path:
    """A data folder with one check-in in it, so "unchanged" means something."""
    with open_database(paths.database_path()) as db:
        Checkins(db).save_checkin("standalone", {"mood": 6}, note="a calm evening")
    return home


def csv_folder(root: Path, runs: str, checkins: str) -> Path:
    folder = root / "import"
    folder.mkdir()
    (folder / "runs.csv").write_text(RUNS_HEADER + runs, "utf-8")
    (folder / "checkins.csv").write_text(CHECKINS_HEADER + checkins, "utf-8")
    return folder


def json_file(root: Path, text: str, name: str = "export.json") -> Path:
    file = root / name
    file.write_text(text, "utf-8")
    return file


def import_refused(history: Path, args: list[str]) -> list[str]:
    before = snapshot(history)
    err = refused(["import", *args], history)
    assert_unchanged(before, history)
    head, *problems = err.splitlines()
    assert head == "pfrelax import: nothing was imported. Fix these and try again:"
    return [problem.strip() for problem in problems]


@pytest.mark.parametrize(
    ("started", "why"),
    [
        ("9999-12-31T23:00:00-05:00", "'9999-12-31T23:00:00-05:00'"),
        ("0001-01-01T00:00:00+01:00", "'0001-01-01T00:00:00+01:00'"),
        ("1969-12-31T23:59:59+00:00", "'1969-12-31T23:59:59+00:00'"),
        ("2999-01-01T00:00:00+00:00", "'2999-01-01T00:00:00+00:00'"),
    ],
)
def test_a_time_outside_1970_to_tomorrow_is_refused_naming_line_and_column(
    history: Path, tmp_path: Path, started: str, why: str
) -> None:
    folder = csv_folder(tmp_path, f"1,daily,,,{started},,60,0\n", "")
    [problem] = import_refused(history, ["--csv", str(folder)])
    assert problem.startswith(f"runs.csv:2: column started: {why} is not between 1970-01-01 and ")
    assert problem.endswith("; check the year")


def test_a_time_out_of_range_in_json_names_its_key_path(history: Path, tmp_path: Path) -> None:
    checkin = (
        '{"checkin_id": 1, "time": "9999-12-31T23:00:00-05:00", "moment": "weekly", '
        '"session": null, "note": "", "values": {"mood": 3}}'
    )
    file = json_file(tmp_path, DOCUMENT % ("[]", f"[{checkin}]"))
    [problem] = import_refused(history, ["--json", str(file)])
    assert problem.startswith(
        "export.json: checkins[0].time: '9999-12-31T23:00:00-05:00' is not between 1970-01-01"
    )


def test_deeply_nested_json_is_a_message_not_a_crash(history: Path, tmp_path: Path) -> None:
    file = json_file(tmp_path, DOCUMENT % ("[" + "[" * 100_000 + "]" * 100_000 + "]", "[]"))
    assert import_refused(history, ["--json", str(file)]) == [
        "export.json:1:53: not valid JSON: nested too deep (an export is 3 levels deep)"
    ]


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("run_id", "1" + "0" * 30, f"run_id: 1{'0' * 30} is too large; an id has at most 18"),
        ("seconds", "1" + "0" * 30, f"seconds: 1{'0' * 30} is more than a day (86400 seconds)"),
        ("seconds", "1" + "0" * 4000, "seconds: a number of about 4000 digits is more than a day"),
        ("seconds", "90000", "seconds: 90000 is more than a day (86400 seconds)"),
    ],
)
def test_huge_ids_and_seconds_are_refused(
    history: Path, tmp_path: Path, key: str, value: str, problem: str
) -> None:
    run = {
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
    text = json.dumps(run).replace(f'"{key}": {run[key]}', f'"{key}": {value}')
    file = json_file(tmp_path, DOCUMENT % (f"[{text}]", "[]"))
    [found] = import_refused(history, ["--json", str(file)])
    assert found.startswith(f"export.json: runs[0].{problem}")


def test_a_huge_id_in_csv_is_refused(history: Path, tmp_path: Path) -> None:
    folder = csv_folder(tmp_path, GOOD_RUN.replace("1,", "1" + "0" * 30 + ",", 1), "")
    assert import_refused(history, ["--csv", str(folder)]) == [
        f"runs.csv:2: column run_id: '1{'0' * 30}' is too large; an id has at most 18 digits"
    ]


def test_a_number_of_100000_digits_is_refused(history: Path, tmp_path: Path) -> None:
    file = json_file(tmp_path, DOCUMENT % ("[" + "7" * 100_000 + "]", "[]"))
    assert import_refused(history, ["--json", str(file)]) == [
        "export.json:1:53: not valid JSON: a number is too long (more than 4,300 digits)"
    ]


def test_a_lone_surrogate_in_a_note_is_refused(history: Path, tmp_path: Path) -> None:
    checkin = (
        '{"checkin_id": 1, "time": "2020-11-23T08:00:00+01:00", "moment": "weekly", '
        '"session": null, "note": "calm \\ud83d then", "values": {"mood": 3}}'
    )
    file = json_file(tmp_path, DOCUMENT % ("[]", f"[{checkin}]"))
    assert import_refused(history, ["--json", str(file)]) == [
        "export.json: checkins[0].note: has a broken character at position 6 (half of a "
        "character pair, \\ud83d); remove it"
    ]


def test_a_lone_surrogate_as_a_key_is_shown_escaped(history: Path, tmp_path: Path) -> None:
    checkin = (
        '{"checkin_id": 1, "time": "2020-11-23T08:00:00+01:00", "moment": "weekly", '
        '"session": null, "note": "", "values": {"\\udc00": 3}}'
    )
    file = json_file(tmp_path, DOCUMENT % ("[]", f"[{checkin}]"))
    [problem] = import_refused(history, ["--json", str(file)])
    assert problem.startswith("export.json: checkins[0].values.\\udc00: '\\udc00' is not a measure")


def test_json_with_a_byte_order_mark_imports_like_csv(home: Path, tmp_path: Path) -> None:
    checkin = (
        '{"checkin_id": 1, "time": "2020-11-23T08:00:00+01:00", "moment": "weekly", '
        '"session": null, "note": "", "values": {"mood": 3}}'
    )
    file = tmp_path / "export.json"
    file.write_bytes(b"\xef\xbb\xbf" + (DOCUMENT % ("[]", f"[{checkin}]")).encode())
    ran = run_cli(["import", "--json", str(file)], home)
    assert (ran.code, ran.out) == (0, "Imported 1 check-in and 0 session runs.\n")


def test_not_json_and_not_utf8_are_one_message_each(history: Path, tmp_path: Path) -> None:
    assert import_refused(history, ["--json", str(json_file(tmp_path, "{,}"))]) == [
        "export.json:1:2: not valid JSON: Expecting property name enclosed in double quotes"
    ]
    file = tmp_path / "latin.json"
    file.write_bytes(b'{"format": "pfrelax-export", "note": "caf\xe9"}')
    assert import_refused(history, ["--json", str(file)]) == [
        "latin.json: is not UTF-8 text (byte 41)"
    ]
    folder = tmp_path / "nothing"
    folder.mkdir()
    assert import_refused(history, ["--json", str(folder)]) == [
        f"{folder}: is a folder; give the JSON file"
    ]


def test_a_million_bad_rows_list_a_hundred_and_count_the_rest(
    history: Path, tmp_path: Path
) -> None:
    folder = csv_folder(tmp_path, GOOD_RUN, "x,,,,,,\n" * 2000)
    problems = import_refused(history, ["--csv", str(folder)])
    assert len(problems) == 101
    assert problems[-1] == "… and 9900 more problems"


@pytest.mark.parametrize(
    ("row", "why"),
    [
        ('"2,x\n', 'runs.csv:2: a quote (") is opened and never closed; save the file again'),
        ("2," + "x" * 200_000 + "\n", "runs.csv:2: a field is longer than 131,072 characters"),
    ],
)
def test_a_broken_csv_row_is_said_in_words_with_a_fix(
    history: Path, tmp_path: Path, row: str, why: str
) -> None:
    folder = csv_folder(tmp_path, row, "")
    [problem] = import_refused(history, ["--csv", str(folder)])
    assert problem.startswith(why)
