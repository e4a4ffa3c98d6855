"""Export to CSV and JSON, and import back: exact, idempotent, and all-or-nothing."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import DataFileError
from pfrelax.store.export import EXPORT_VERSION, export_csv, export_json
from pfrelax.store.importer import ImportSummary, import_csv, import_json
from pfrelax.store.runs import Runs

if TYPE_CHECKING:
    from tests.unit.store.conftest import FakeClock

ALL_TIME = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def NOW() -> datetime:
    return datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


RUNS_HEADER = "run_id,session,pack,pack_version,started,ended,seconds,completed\n"  # before v4
EXPORTED_RUNS_HEADER = RUNS_HEADER.replace("\n", ",length_seconds\n")
CHECKINS_HEADER = "checkin_id,time,moment,session,measure,value,note\n"
TRICKY_NOTE = 'Tight after work, "bad" day;\nbetter by bedtime — 😌 =1+1'


def fill(db: Database, clock: FakeClock) -> None:
    """A few days of use: sessions with check-ins, a stopped run, standalone and weekly ones."""
    runs, checkins = Runs(db, clock), Checkins(db, clock)
    for day in range(3):
        run_id = runs.start_run(
            "pf-release-10", "Pelvic floor release", "clinic.p1", "1.0.0", length_seconds=600
        )
        checkins.save_checkin("before", {"distress": 6 - day, "pelvic_tension": 7}, run_id=run_id)
        clock.advance(minutes=10)
        runs.finish_run(run_id, 600, completed=day != 1)
        checkins.save_checkin("after", {"distress": 3, "pelvic_tension": 4}, TRICKY_NOTE, run_id)
        clock.advance(hours=23, minutes=50)  # the same time next morning
    other = runs.start_run("body-scan", "Body scan")
    clock.advance(minutes=4)
    runs.finish_run(other, 240, completed=False)
    checkins.save_checkin("standalone", {"mood": 8, "body_tension": 2, "pain": 1})
    checkins.save_checkin("weekly", {"pain_with_penetration": None}, note="no attempt")


def read(folder: Path, name: str) -> bytes:
    return (folder / name).read_bytes()


def test_the_csv_export_has_one_row_per_rating(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    counts = export_csv(db, tmp_path / "out")
    assert (counts.runs, counts.checkins) == (4, 8)
    lines = read(tmp_path / "out", "checkins.csv").decode("utf-8").split("\n")
    assert lines[0] + "\n" == CHECKINS_HEADER
    assert lines[1] == "1,2026-11-23T08:30:00+01:00,before,pf-release-10,distress,6,"
    assert (
        lines[-2]
        == "8,2026-11-26T08:34:00+01:00,weekly,,pain_with_penetration,not_attempted,no attempt"
    )
    assert lines[-1] == ""  # ends with a newline, no \r
    runs = read(tmp_path / "out", "runs.csv").decode("utf-8")
    assert runs.startswith(
        EXPORTED_RUNS_HEADER + "1,pf-release-10,clinic.p1,1.0.0,2026-11-23T08:30:00+01:00,"
        "2026-11-23T08:40:00+01:00,600,1,600\n"
    )
    assert runs.endswith(
        "4,body-scan,,,2026-11-26T08:30:00+01:00,2026-11-26T08:34:00+01:00,240,0,\n"
    )


def test_csv_round_trip_into_an_empty_database_is_byte_identical(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_csv(db, tmp_path / "first")
    with open_database(tmp_path / "other" / "pfrelax.sqlite3") as other:
        import_csv(other, tmp_path / "first", now=NOW)
        export_csv(other, tmp_path / "second")
        changes = Checkins(other).before_after_changes(*ALL_TIME)
    for name in ("checkins.csv", "runs.csv"):
        assert read(tmp_path / "second", name) == read(tmp_path / "first", name), name
    # The CSV names only the session; each check-in still finds its own run.
    assert [(c.run_id, c.measure, c.change) for c in changes][:2] == [
        (1, "distress", -3),
        (1, "pelvic_tension", -3),
    ]
    assert len(changes) == 6


def test_json_round_trip_into_an_empty_database_is_byte_identical(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_json(db, tmp_path / "first.json")
    with open_database(tmp_path / "other" / "pfrelax.sqlite3") as other:
        import_json(other, tmp_path / "first.json", now=NOW)
        export_json(other, tmp_path / "second.json")
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()
    assert (
        (tmp_path / "first.json")
        .read_text("utf-8")
        .startswith(
            f'{{\n  "format": "pfrelax-export",\n  "version": {EXPORT_VERSION},\n  "checkins": ['
        )
    )


def test_the_session_length_survives_both_round_trips(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    """length_seconds (schema v4) is exported, empty when unknown, and imported back."""
    fill(db, clock)
    export_csv(db, tmp_path / "csv")
    export_json(db, tmp_path / "out.json")
    assert '"length_seconds": 600' in (tmp_path / "out.json").read_text("utf-8")
    for name, load in (("csv", import_csv), ("out.json", import_json)):
        with open_database(tmp_path / f"into-{name}" / "pfrelax.sqlite3") as other:
            load(other, tmp_path / name, now=NOW)
            lengths = [run.length_seconds for run in Runs(other).runs_between(*ALL_TIME)]
        assert lengths == [600, 600, 600, None], name


def test_an_older_export_without_the_length_column_still_imports(
    db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "runs.csv").write_text(
        RUNS_HEADER + "5,pf-release-10,,,2026-11-23T08:30:00+01:00,,90,0\n", "utf-8"
    )
    (folder / "checkins.csv").write_text(CHECKINS_HEADER, "utf-8")
    assert import_csv(db, folder, now=NOW).runs_added == 1
    (run,) = Runs(db).runs_between(*ALL_TIME)
    assert (run.seconds, run.length_seconds) == (90, None)


def test_importing_the_same_export_twice_adds_nothing(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_csv(db, tmp_path / "out")
    export_json(db, tmp_path / "out.json")
    with open_database(tmp_path / "other" / "pfrelax.sqlite3") as other:
        assert import_csv(other, tmp_path / "out", now=NOW) == ImportSummary(4, 0, 8, 0)
        assert import_csv(other, tmp_path / "out", now=NOW) == ImportSummary(0, 4, 0, 8)
        assert import_json(other, tmp_path / "out.json", now=NOW) == ImportSummary(0, 4, 0, 8)
        assert len(Checkins(other).ratings_between(*ALL_TIME)) == 16


def test_an_export_from_another_computer_merges_beside_existing_data(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_csv(db, tmp_path / "laptop")
    with open_database(tmp_path / "desktop" / "pfrelax.sqlite3") as desktop:
        clock.advance(days=30)
        own = Checkins(desktop, clock).save_checkin("standalone", {"distress": 1})  # takes id 1
        assert import_csv(desktop, tmp_path / "laptop", now=NOW) == ImportSummary(4, 0, 8, 0)
        assert import_csv(desktop, tmp_path / "laptop", now=NOW) == ImportSummary(0, 4, 0, 8)
        ratings = Checkins(desktop).ratings_between(*ALL_TIME)
    assert len(ratings) == 17
    assert [r.value for r in ratings if r.checkin_id == own] == [1]


def test_a_run_exported_mid_session_imports_as_stopped(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "runs.csv").write_text(
        RUNS_HEADER + "5,pf-release-10,,,2026-11-23T08:30:00+01:00,,90,0\n", "utf-8"
    )
    (folder / "checkins.csv").write_text(CHECKINS_HEADER, "utf-8")
    import_csv(db, folder, now=NOW)
    run = Runs(db).get(5)
    assert run is not None
    assert (run.status, run.seconds) == ("stopped", 90)
    assert run.ended == run.started + timedelta(seconds=90)


def write_csv(folder: Path, runs: str, checkins: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "runs.csv").write_text(RUNS_HEADER + runs, "utf-8")
    (folder / "checkins.csv").write_text(CHECKINS_HEADER + checkins, "utf-8")
    return folder


def problems_of(db: Database, folder: Path) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        import_csv(db, folder, now=NOW)
    assert db.connection.execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    assert db.connection.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


GOOD_RUN = "1,pf-release-10,,,2026-11-23T08:30:00+01:00,2026-11-23T08:40:00+01:00,600,1\n"
GOOD_ROW = "1,2026-11-23T08:29:00+01:00,before,pf-release-10,distress,5,\n"


def test_every_bad_row_is_reported_with_file_line_and_column(db: Database, tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path / "in",
        GOOD_RUN + "2,pf-release-10,,1.0,yesterday,,-5,maybe\n",
        GOOD_ROW
        + "1,2026-11-23T08:29:00+01:00,before,pf-release-10,stres,5,\n"
        + '2,2026-11-23T08:45:00+01:00,after,pf-release-10,mood,4,"two\nlines"\n'
        + "2,2026-11-23T08:45:00+01:00,after,pf-release-10,distress,eleven,\n"
        + "3,2026-11-23 09:00,standalone,,mood,4,\n"
        + "4,2026-11-23T09:00:00+01:00,standalone,pf-release-10,mood,4,\n"
        + "5,2026-11-23T09:00:00+01:00,weekly,,pain,5\n",
    )
    assert problems_of(db, folder) == [
        "runs.csv:3: column started: 'yesterday' is not a date and time like "
        "2026-11-27T08:30:00+01:00",
        "runs.csv:3: column seconds: '-5' is not a whole number of seconds",
        "runs.csv:3: column completed: 'maybe' is not 1 or 0 (or true/false, yes/no)",
        "checkins.csv:3: column measure: 'stres' is not a measure; did you mean 'distress'?",
        "checkins.csv:6: column value: 'eleven' is not a number 0–10 or not_attempted",
        "checkins.csv:7: column time: '2026-11-23 09:00' has no UTC offset; add one, like "
        "2026-11-27T08:30:00+01:00",
        "checkins.csv:8: column session: a standalone check-in belongs to no session; "
        "leave it empty",
        "checkins.csv:9: expected checkin_id,time,moment,session,measure,value,note but found "
        "6 columns",
    ]


def test_rows_of_one_checkin_must_agree(db: Database, tmp_path: Path) -> None:
    folder = write_csv(
        tmp_path / "in",
        GOOD_RUN,
        GOOD_ROW
        + "1,2026-11-23T08:29:00+01:00,before,pf-release-10,distress,4,\n"
        + "1,2026-11-23T08:31:00+01:00,before,pf-release-10,mood,4,\n"
        + "2,2026-11-23T08:45:00+01:00,after,,mood,4,\n",
    )
    assert problems_of(db, folder) == [
        "checkins.csv:3: column measure: check-in 1 already has a distress rating",
        "checkins.csv:4: column time: check-in 1 has 2026-11-23T08:29:00+01:00 on checkins.csv:2; "
        "every row of one check-in must have the same time, moment and session",
        "checkins.csv:5: column session: an after check-in needs the session it belongs to",
    ]


def test_a_checkin_of_a_session_that_never_ran_imports_nothing(
    db: Database, tmp_path: Path
) -> None:
    folder = write_csv(
        tmp_path / "in",
        GOOD_RUN,
        GOOD_ROW + "2,2026-11-23T08:45:00+01:00,after,body-scan,mood,4,\n",
    )
    assert problems_of(db, folder) == [
        "checkins.csv:3: column session: there is no run of 'body-scan' in the import or in "
        "your history to attach this after check-in to"
    ]


def test_wrong_headers_missing_files_and_other_encodings_are_explained(
    db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "checkins.csv").write_bytes(b"checkin_id;time\n")
    assert problems_of(db, folder) == [
        f"runs.csv: not found in {folder}; `pfrelax export --csv FOLDER` writes it",
        "checkins.csv:1: the first line must be checkin_id,time,moment,session,measure,value,note "
        "(found checkin_id;time)",
    ]
    write_csv(folder, GOOD_RUN, "")
    (folder / "checkins.csv").write_bytes((CHECKINS_HEADER + "1,x,é").encode("latin-1"))
    assert problems_of(db, folder) == [
        "checkins.csv:2: is not UTF-8 text; save it as CSV UTF-8 and try again"
    ]


def test_a_byte_order_mark_from_a_spreadsheet_is_fine(db: Database, tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "in", GOOD_RUN, GOOD_ROW)
    (folder / "runs.csv").write_bytes(b"\xef\xbb\xbf" + (folder / "runs.csv").read_bytes())
    assert import_csv(db, folder, now=NOW) == ImportSummary(1, 0, 1, 0)


def test_a_bad_json_export_names_each_key_path(db: Database, tmp_path: Path) -> None:
    file = tmp_path / "export.json"
    file.write_text(
        '{"format": "pfrelax-export", "version": 1, "runs": [], "checkins": ['
        '{"checkin_id": 1, "time": "2026-11-23T08:29:00+01:00", "moment": "weekly", '
        '"session": null, "run_id": null, "note": "", "values": {"pain_with_penetration": 12}},'
        '{"checkin_id": 2, "time": "2026-11-23T08:29:00+01:00", "moment": "before", '
        '"session": "x", "run_id": 4, "note": "", "valeus": {}}]}',
        "utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        import_json(db, file, now=NOW)
    assert caught.value.problems == [
        "export.json: checkins[0].values.pain_with_penetration: 12 is not a number 0–10 or "
        "not_attempted",
        "export.json: checkins[1].valeus: unknown key; did you mean 'values'?",
        'export.json: checkins[1].values: needs at least one rating, like {"distress": 3}',
    ]


def test_a_json_export_from_a_newer_pfrelax_is_refused(db: Database, tmp_path: Path) -> None:
    file = tmp_path / "export.json"
    newer = EXPORT_VERSION + 1
    file.write_text(f'{{"format": "pfrelax-export", "version": {newer}}}', "utf-8")
    message = (
        f"export.json was written by a newer version of pfrelax (export version {newer}; this "
        f"version reads up to {EXPORT_VERSION}). Update pfrelax."
    )
    with pytest.raises(DataFileError, match=f"^{re.escape(message)}$"):
        import_json(db, file, now=NOW)
    file.write_text('{"format": "pfrelax-export",', "utf-8")
    with pytest.raises(
        DataFileError, match=r"^export\.json:1:29: not valid JSON: Expecting property name"
    ):
        import_json(db, file, now=NOW)


NOTES = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)


@settings(max_examples=15, deadline=None)  # each example opens two databases
@given(notes=st.lists(NOTES, min_size=1, max_size=4), value=st.none() | st.integers(0, 10))
def test_any_note_and_value_survive_the_csv_round_trip(notes: list[str], value: int | None) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        when = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
        with open_database(folder / "a" / "pfrelax.sqlite3") as first:
            for minute, note in enumerate(notes):
                Checkins(first).save_checkin(
                    "weekly",
                    {"pain_with_penetration": value},
                    note,
                    time=when + timedelta(minutes=minute),
                )
            export_csv(first, folder / "one")
        with open_database(folder / "b" / "pfrelax.sqlite3") as second:
            import_csv(second, folder / "one", now=NOW)
            export_csv(second, folder / "two")
            stored = [
                r[0] for r in second.connection.execute("SELECT note FROM checkins ORDER BY id")
            ]
        assert read(folder / "two", "checkins.csv") == read(folder / "one", "checkins.csv")
        assert stored == notes


def test_json_checkins_find_their_run_by_id_or_else_by_session(
    db: Database, tmp_path: Path
) -> None:
    run = (
        '{"run_id": 3, "session": "body-scan", "title": "Body scan", "pack": null, '
        '"pack_version": null, "started": "2026-11-23T08:30:00+01:00", '
        '"ended": "2026-11-23T08:40:00+01:00", "seconds": 600, "completed": true}'
    )
    by_id = (
        '{"checkin_id": 1, "time": "2026-11-23T08:29:00+01:00", "moment": "before", '
        '"session": "body-scan", "run_id": 3, "note": "", "values": {"mood": 4}}'
    )
    by_session = (
        '{"checkin_id": 2, "time": "2026-11-23T08:41:00+01:00", "moment": "after", '
        '"session": "body-scan", "note": "", "values": {"mood": 7}}'
    )
    wrong = by_id.replace('"run_id": 3', '"run_id": 9').replace(
        '"checkin_id": 1', '"checkin_id": 5'
    )
    file = tmp_path / "export.json"
    document = '{"format": "pfrelax-export", "version": 1, "runs": [%s], "checkins": [%s]}'
    file.write_text(document % (run, f"{by_id}, {wrong}"), "utf-8")
    with pytest.raises(DataFileError) as caught:
        import_json(db, file, now=NOW)
    assert caught.value.problems == ["export.json: checkins[1].run_id: 9 is not a run in this file"]
    file.write_text(document % (run, f"{by_id}, {by_session}"), "utf-8")
    assert import_json(db, file, now=NOW) == ImportSummary(1, 0, 2, 0)
    [change] = Checkins(db).before_after_changes(*ALL_TIME)
    assert (change.run_id, change.measure, change.change) == (3, "mood", 3)
    run_row = Runs(db).get(3)
    assert run_row is not None
    assert run_row.session_title == "Body scan"


def test_a_broken_quote_in_a_csv_names_its_line(db: Database, tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "in", GOOD_RUN, GOOD_ROW + '2,"2026"x,after\n')
    assert problems_of(db, folder) == [
        "checkins.csv:3: is not CSV as pfrelax writes it (',' expected after '\"'); save it "
        "again as CSV UTF-8"
    ]


FORMULA_LIKE = [
    '=HYPERLINK("http://x","open")',
    "+1 today",
    "-2 after",
    "@SUM(A1)",
    "'=kept",
    "'plain",
]


def test_text_a_spreadsheet_would_run_is_guarded_and_comes_back_exactly(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    """A note that begins like a formula would run when a PT opens the CSV in a spreadsheet."""
    runs, checkins = Runs(db, clock), Checkins(db, clock)
    for minute, text in enumerate(FORMULA_LIKE):
        run_id = runs.start_run(f"s-{minute}", "Slow breaths")
        clock.advance(minutes=1)
        runs.finish_run(run_id, 60, completed=True)
        checkins.save_checkin("after", {"distress": 2}, text, run_id)
    export_csv(db, tmp_path / "one")
    written = (
        read(tmp_path / "one", "runs.csv").decode()
        + read(tmp_path / "one", "checkins.csv").decode()
    )
    cells = [cell.strip('"') for line in written.splitlines() for cell in line.split(",")]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], cells
    for guarded in ("'=HYPERLINK(", "''=kept", "''plain"):
        assert guarded in written
    with open_database(tmp_path / "b" / "pfrelax.sqlite3") as second:
        import_csv(second, tmp_path / "one", now=NOW)
        notes = [r[0] for r in second.connection.execute("SELECT note FROM checkins ORDER BY id")]
    assert notes == FORMULA_LIKE
