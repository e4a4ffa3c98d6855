"""Reading a JSON export, streamed: the document's shape, then each run and check-in staged."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pfrelax.store.errors import DataFileError
from pfrelax.store.export import EXPORT_FORMAT, EXPORT_VERSION
from pfrelax.store.fields import Record, TimeRange, shown
from pfrelax.store.import_heart import HeartStaging
from pfrelax.store.import_heart_read import json_heart, json_result
from pfrelax.store.import_practice import PracticeStaging, json_practice, json_question
from pfrelax.store.import_read import json_checkin, json_run
from pfrelax.store.import_stage import Staging
from pfrelax.store.json_stream import ARRAY_START, Entry, JsonStreamError, entries

_LISTS = frozenset({"runs", "checkins", "dilator", "questions", "heart", "resonance"})
_TOP_KEYS = ("format", "version", "checkins", "runs", "dilator", "questions", "heart", "resonance")
Extras = tuple[PracticeStaging, HeartStaging]


def stage_json(file: Path, staging: Staging, extras: Extras, times: TimeRange) -> None:
    """Stage every valid record of the JSON export `file`; problems go to staging.problems.

    A file that is not JSON, not a pfrelax export or from a newer pfrelax raises DataFileError
    with that one message: its rows would mean nothing.
    """
    name = file.name
    seen: set[str] = set()
    try:
        with file.open("rb") as stream:
            for entry in entries(stream, _LISTS):
                seen.add(entry.key)
                _take(entry, name, staging, extras, times)
    except FileNotFoundError as error:
        raise DataFileError([f"{file}: there is no file here"]) from error
    except IsADirectoryError as error:
        raise DataFileError([f"{file}: is a folder; give the JSON file"]) from error
    except OSError as error:
        raise DataFileError([f"{file}: cannot be read ({error.strerror or error})"]) from error
    except JsonStreamError as error:
        raise DataFileError([_json_message(name, error)]) from error
    if "format" not in seen:
        raise _not_an_export(name)
    if "version" not in seen:
        raise DataFileError([f"{name}: version: None is not an export version"])


def _take(entry: Entry, name: str, staging: Staging, extras: Extras, times: TimeRange) -> None:
    problems = staging.problems
    if entry.key == "format":
        if entry.value != EXPORT_FORMAT:
            raise _not_an_export(name)
    elif entry.key == "version":
        _check_version(name, entry.value)
    elif entry.key not in _LISTS:
        Record({entry.key: None}, f"{name}: ", problems).reject_unknown(_TOP_KEYS)
    elif entry.value is ARRAY_START:
        return
    elif entry.index is None:
        problems.append(f"{name}: {entry.key}: is not a list")
    elif not isinstance(entry.value, Mapping):
        problems.append(f"{name}: {entry.key}[{entry.index}]: is not an object")
    elif entry.key in ("dilator", "questions", "heart", "resonance"):
        _take_extra(entry, name, extras, times)
    elif entry.key == "runs":
        run = json_run(entry.value, f"{name}: runs[{entry.index}]", problems, times)
        if run is not None:
            staging.add_run(run)
    else:
        where = f"{name}: checkins[{entry.index}]"
        checkin = json_checkin(entry.value, where, problems, times)
        if checkin is not None:
            staging.add_checkin(checkin)


def _take_extra(entry: Entry, name: str, extras: Extras, times: TimeRange) -> None:
    practice, heart = extras
    if entry.key in ("heart", "resonance"):
        _take_heart(entry, name, heart, times)
    else:
        _take_practice(entry, name, practice, times)


def _take_practice(entry: Entry, name: str, practice: PracticeStaging, times: TimeRange) -> None:
    assert isinstance(entry.value, Mapping)  # checked by the caller
    where = f"{name}: {entry.key}[{entry.index}]"
    if entry.key == "questions":
        question = json_question(entry.value, where, practice.problems)
        if question:
            practice.add_question(question)
        return
    logged = json_practice(entry.value, where, practice.problems, times)
    if logged is not None:
        practice.add(logged)


def _take_heart(entry: Entry, name: str, heart: HeartStaging, times: TimeRange) -> None:
    assert isinstance(entry.value, Mapping)  # checked by the caller
    where = f"{name}: {entry.key}[{entry.index}]"
    if entry.key == "heart":
        figures = json_heart(entry.value, where, heart.problems)
        if figures is not None:
            heart.add(figures)
        return
    result = json_result(entry.value, where, heart.problems, times)
    if result is not None:
        heart.add_result(result)


def _check_version(name: str, version: object) -> None:
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataFileError([f"{name}: version: {shown(version)} is not an export version"])
    if version > EXPORT_VERSION:
        raise DataFileError(
            [
                f"{name} was written by a newer version of pfrelax (export version "
                f"{shown(version)}; this version reads up to {EXPORT_VERSION}). Update pfrelax."
            ]
        )


def _not_an_export(name: str) -> DataFileError:
    needs = f'it needs "format": "{EXPORT_FORMAT}"'
    return DataFileError([f"{name}: is not a pfrelax export ({needs})"])


def _json_message(name: str, error: JsonStreamError) -> str:
    if error.message == "not an object":
        return _not_an_export(name).problems[0]
    if error.message.startswith("is not UTF-8"):
        return f"{name}: {error.message}"
    return f"{name}:{error.line}:{error.column}: not valid JSON: {error.message}"
