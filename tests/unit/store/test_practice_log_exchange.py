"""The practice log and own questions in exports: written, read back, idempotent, all-or-nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pfrelax.core.own_questions import OwnQuestion
from pfrelax.core.practice_log import PracticeEntry
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database
from pfrelax.store.dilator import DilatorLogs
from pfrelax.store.errors import DataFileError
from pfrelax.store.export import export_csv, export_json
from pfrelax.store.importer import import_csv, import_json
from pfrelax.store.own_questions import OwnQuestions
from pfrelax.store.runs import Runs

if TYPE_CHECKING:
    from tests.unit.store.conftest import FakeClock


def NOW() -> datetime:
    return datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


CONFIDENCE = OwnQuestion(
    "insertion_confidence",
    "How confident do you feel about insertion today?",
    "not at all",
    "completely",
)
TRICKY = 'Stayed calm, "slow" breaths;\nfelt OK — 😌'


def fill(db: Database, clock: FakeClock) -> None:
    """Two practice runs with a log each, one log on its own, and an own question rated."""
    runs, checkins, logs = Runs(db, clock), Checkins(db, clock), DilatorLogs(db, clock)
    OwnQuestions(db).remember([CONFIDENCE])
    for day, size in enumerate(("2", "3")):
        run_id = runs.start_run("dilator-practice", "Practice with the breath", length_seconds=900)
        checkins.save_checkin(
            "before", {"distress": 5, "insertion_confidence": 4 + day}, run_id=run_id
        )
        clock.advance(minutes=15)
        runs.finish_run(run_id, 900, completed=True)
        logs.save(PracticeEntry(size, "half", 12, 3 - day, 4, TRICKY), run_id=run_id)
        clock.advance(days=1)
    logs.save(PracticeEntry("XS", "tip"))  # nothing but size and depth
    checkins.save_checkin("standalone", {"pgic": 2})


def test_csv_round_trip_into_an_empty_home_is_identical(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_csv(db, tmp_path / "first")
    header = (tmp_path / "first" / "dilator.csv").read_text("utf-8").splitlines()[0]
    assert header == "log_id,time,run_id,size,depth,minutes,insertion_pain,anxiety,note"
    with open_database(tmp_path / "home" / "pfrelax.sqlite3") as other:
        summary = import_csv(other, tmp_path / "first", now=NOW)
        again = import_csv(other, tmp_path / "first", now=NOW)
        export_csv(other, tmp_path / "second")
    assert (summary.practice_logs_added, again.practice_logs_added) == (3, 0)
    assert again.practice_logs_already_there == 3
    for name in ("runs.csv", "checkins.csv", "dilator.csv"):
        assert (tmp_path / "second" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()
    assert "insertion_confidence,5," in (tmp_path / "first" / "checkins.csv").read_text("utf-8")


def test_json_round_trip_keeps_logs_own_questions_and_their_wording(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_json(db, tmp_path / "first.json")
    with open_database(tmp_path / "home" / "pfrelax.sqlite3") as other:
        import_json(other, tmp_path / "first.json", now=NOW)
        import_json(other, tmp_path / "first.json", now=NOW)
        export_json(other, tmp_path / "second.json")
        assert OwnQuestions(other).known() == {CONFIDENCE.id: CONFIDENCE}
        logged = DilatorLogs(other).all()
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()
    assert [log.entry.size for log in logged] == ["2", "3", "XS"]
    assert logged[0].entry == PracticeEntry("2", "half", 12, 3, 4, TRICKY)
    assert logged[0].run_id is not None
    assert logged[2].run_id is None


def test_a_bad_practice_row_names_file_line_and_column_and_imports_nothing(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_csv(db, tmp_path / "out")
    dilator = tmp_path / "out" / "dilator.csv"
    dilator.write_text(dilator.read_text("utf-8").replace(",half,12,3,", ",deep,12,11,"), "utf-8")
    with open_database(tmp_path / "home" / "pfrelax.sqlite3") as other:
        with pytest.raises(DataFileError) as raised:
            import_csv(other, tmp_path / "out", now=NOW)
        assert DilatorLogs(other).all() == []
        assert other.connection.execute("SELECT count(*) FROM runs").fetchone() == (0,)
    assert raised.value.problems == [
        "dilator.csv:2: column depth: 'deep' is not a depth; use tip, half, comfortable",
        "dilator.csv:2: column insertion_pain: '11' is not a whole number 0–10, or empty",
    ]


def test_an_export_without_a_practice_log_still_imports(
    db: Database, clock: FakeClock, tmp_path: Path
) -> None:
    fill(db, clock)
    export_csv(db, tmp_path / "out")
    (tmp_path / "out" / "dilator.csv").unlink()
    with open_database(tmp_path / "home" / "pfrelax.sqlite3") as other:
        summary = import_csv(other, tmp_path / "out", now=NOW)
    assert (summary.runs_added, summary.practice_logs_added) == (2, 0)


def test_a_typo_of_a_built_in_measure_is_still_refused_while_an_own_id_is_kept(
    db: Database,
) -> None:
    checkins = Checkins(db)
    checkins.save_checkin("standalone", {"sleep_quality": 6})
    with pytest.raises(ValueError, match="'moods' is not a check-in measure; did you mean 'mood'"):
        checkins.save_checkin("standalone", {"moods": 6})
    with pytest.raises(ValueError, match="pgic: 0 is not one of the answers 1–7"):
        checkins.save_checkin("standalone", {"pgic": 0})
    # A PT's own question whose wording the history keeps is known, however close its id.
    OwnQuestions(db).remember([OwnQuestion("moods", "Moods today?", "few", "many")])
    checkins.save_checkin("standalone", {"moods": 6})


def test_json_practice_entries_are_checked_like_every_other_record(
    db: Database, tmp_path: Path
) -> None:
    file = tmp_path / "export.json"
    entry = (
        '{"log_id": 1, "time": "2026-11-20T19:00:00+01:00", "run_id": 99, "size": "2", '
        '"depth": "half", "minutes": 12, "insertion_pain": null, "anxiety": 3, "note": "", '
        '"colour": "blue"}'
    )
    question = '{"id": "Bad Id", "question": "Q", "low": "a", "high": "b"}'
    file.write_text(
        '{"format": "pfrelax-export", "version": 2, "checkins": [], "runs": [], '
        f'"dilator": [{entry}], "questions": [{question}]}}',
        "utf-8",
    )
    with pytest.raises(DataFileError) as raised:
        import_json(db, file, now=NOW)
    assert raised.value.problems == [
        "export.json: dilator[0].colour: unknown key",
        "export.json: questions[0].id: 'Bad Id' is not a question id (like 'sleep_quality')",
    ]
    file.write_text(file.read_text("utf-8").replace(', "colour": "blue"', ""), "utf-8")
    file.write_text(file.read_text("utf-8").replace('"Bad Id"', '"sleep_quality"'), "utf-8")
    with pytest.raises(DataFileError) as raised:
        import_json(db, file, now=NOW)
    assert raised.value.problems == [
        "export.json: dilator[0].run_id: 99 is not a run in this export"
    ]
    assert DilatorLogs(db).all() == []
    assert OwnQuestions(db).known() == {}


def test_a_log_for_a_run_not_in_the_history_is_refused_plainly(db: Database) -> None:
    with pytest.raises(ValueError, match=r"^run_id: 7 is not a session run in the history$"):
        DilatorLogs(db).save(PracticeEntry("2", "tip"), run_id=7)
    assert DilatorLogs(db).all() == []
