"""Reading the heart rows of an export: heart.csv / "heart", resonance.csv / "resonance".

Every field is checked like the rest of an import, each problem naming file, row and column.
Files from before export version 3 have none of these, and import as before.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pfrelax.store.export_heart import (
    CRITERIA,
    FIGURE_KEYS,
    HEART_COLUMNS,
    HEART_CSV,
    PACE_COLUMNS,
    PACE_KEYS,
    RESONANCE_COLUMNS,
    RESONANCE_CSV,
    RESULT_KEYS,
    VOTE_COLUMNS,
)
from pfrelax.store.fields import (
    FieldError,
    Problems,
    Record,
    TimeRange,
    parse_id,
    parse_optional_id,
    shown,
)
from pfrelax.store.import_read import csv_rows

if TYPE_CHECKING:  # at run time imported where used: they bring numpy, the store must not
    from pfrelax.core.heart.figures import RunFigures
    from pfrelax.core.heart.resonance import EpochScore, FinderResult

_COUNT = re.compile(r"[0-9]{1,9}")
_MAX_COUNT = 10**9 - 1
RATE_RANGE = (3.0, 10.0)  # as resonance_results.chosen_bpm allows


@dataclass(frozen=True, slots=True)
class HeartIn:
    prefix: str  # "heart.csv:5: column " or "export.json: heart[3].", for messages
    run_ref: int
    figures: RunFigures


@dataclass(frozen=True, slots=True)
class ResultIn:
    prefix: str
    time: datetime
    run_ref: int | None
    result: FinderResult


def read_heart(data: Mapping[str, object], prefix: str, problems: Problems) -> HeartIn | None:
    record = Record(data, prefix, problems)
    run_ref = record.take("run_id", parse_id)
    beats, corrected = (record.take(key, parse_count) for key in FIGURE_KEYS[:2])
    values = [
        record.take(key, _FIGURE_PARSERS.get(key, parse_optional_figure)) for key in FIGURE_KEYS[2:]
    ]
    if record.ok and corrected > beats:
        record.problem("corrected_beats", f"{corrected} is more than beats ({beats})")
    if not record.ok:
        return None
    from pfrelax.core.heart.figures import RunFigures

    return HeartIn(prefix, run_ref, RunFigures(beats, corrected, *values))


def csv_heart(folder: Path, problems: Problems) -> Iterator[HeartIn]:
    """Each valid row of heart.csv; none when the file is absent (an export before version 3)."""
    if not (folder / HEART_CSV).exists():
        return
    for line, row in csv_rows(folder / HEART_CSV, HEART_COLUMNS, problems):
        heart = read_heart(row, f"{HEART_CSV}:{line}: column ", problems)
        if heart is not None:
            yield heart


def json_heart(item: Mapping[str, object], where: str, problems: Problems) -> HeartIn | None:
    Record(item, f"{where}.", problems).reject_unknown(HEART_COLUMNS)
    return read_heart(item, f"{where}.", problems)


def json_result(
    item: Mapping[str, object], where: str, problems: Problems, times: TimeRange
) -> ResultIn | None:
    """One finder result of the JSON "resonance" list, with its "votes" and "paces"."""
    prefix = f"{where}."
    record = Record(item, prefix, problems)
    record.reject_unknown(RESULT_KEYS)
    record.take("result_id", parse_id)
    time = record.take("time", times.parse)
    run_ref = record.take("run_id", parse_optional_id)
    chosen = record.take("chosen_bpm", parse_optional_rate)
    corrected = record.take("corrected_beats", parse_count)
    votes = _json_votes(item.get("votes"), record)
    paces = _json_paces(item.get("paces"), f"{prefix}paces", problems)
    if not record.ok or paces is None:
        return None
    from pfrelax.core.heart.resonance import FinderResult

    return ResultIn(prefix, time, run_ref, FinderResult(paces, votes, chosen, corrected))


def _json_votes(raw: object, record: Record) -> dict[str, float | None]:
    if not isinstance(raw, Mapping):
        record.problem("votes", f"{shown(raw)} is not an object of {', '.join(CRITERIA)}")
        return {}
    votes = Record(raw, f"{record.prefix}votes.", record.problems)
    votes.reject_unknown(CRITERIA)
    chosen = {criterion: votes.take(criterion, parse_optional_rate) for criterion in CRITERIA}
    record.ok = record.ok and votes.ok
    return chosen


def _json_paces(raw: object, where: str, problems: Problems) -> tuple[EpochScore, ...] | None:
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: {shown(raw)} is not a list of paces (at least one)")
        return None
    paces = []
    for index, item in enumerate(raw):
        prefix = f"{where}[{index}]."
        if not isinstance(item, Mapping):
            problems.append(f"{where}[{index}]: is not an object")
            continue
        Record(item, prefix, problems).reject_unknown(PACE_KEYS)
        pace = read_pace(item, PACE_KEYS, prefix, problems)
        if pace is not None:
            paces.append(pace)
    return tuple(paces) if len(paces) == len(raw) else None


def read_pace(
    data: Mapping[str, object], keys: tuple[str, ...], prefix: str, problems: Problems
) -> EpochScore | None:
    """One pace's scores from the columns `keys` (in PACE_KEYS order); NaN for an empty score."""
    record = Record(data, prefix, problems)
    bpm_key, swing_key, lf_key, phase_key, beats_key, corrected_key = keys
    bpm = record.take(bpm_key, parse_rate)
    swing = record.take(swing_key, parse_optional_figure)
    lf = record.take(lf_key, parse_optional_figure)
    phase = record.take(phase_key, parse_optional_phase)
    beats = record.take(beats_key, parse_count)
    corrected = record.take(corrected_key, parse_count)
    if record.ok and corrected > beats:
        record.problem(corrected_key, f"{corrected} is more than the pace's beats ({beats})")
    if not record.ok:
        return None
    from pfrelax.core.heart.resonance import EpochScore

    return EpochScore(bpm, _nan(swing), _nan(lf), _nan(phase), beats, corrected)


def csv_results(folder: Path, problems: Problems, times: TimeRange) -> Iterator[ResultIn]:
    """Each finder result of resonance.csv: its consecutive rows, one per pace, which must agree
    on the result's columns. None when the file is absent (an export before version 3)."""
    if not (folder / RESONANCE_CSV).exists():
        return
    head_keys = RESONANCE_COLUMNS[: -len(PACE_COLUMNS)]
    group: list[tuple[int, dict[str, str]]] = []
    for line, row in csv_rows(folder / RESONANCE_CSV, RESONANCE_COLUMNS, problems):
        if group and row["result_id"] != group[0][1]["result_id"]:
            yield from _csv_result(group, head_keys, problems, times)
            group = []
        group.append((line, row))
    if group:
        yield from _csv_result(group, head_keys, problems, times)


def _csv_result(
    group: list[tuple[int, dict[str, str]]],
    head_keys: tuple[str, ...],
    problems: Problems,
    times: TimeRange,
) -> Iterator[ResultIn]:
    first_line, first = group[0]
    prefix = f"{RESONANCE_CSV}:{first_line}: column "
    for line, row in group[1:]:
        for key in head_keys:
            if row[key] != first[key]:
                problems.append(
                    f"{RESONANCE_CSV}:{line}: column {key}: {shown(row[key])} differs from "
                    f"line {first_line} ({shown(first[key])}) of the same result"
                )
                return
    record = Record(first, prefix, problems)
    record.take("result_id", parse_id)
    time = record.take("time", times.parse)
    run_ref = record.take("run_id", parse_optional_id)
    chosen = record.take("chosen_bpm", parse_optional_rate)
    votes = {
        criterion: record.take(column, parse_optional_rate)
        for criterion, column in zip(CRITERIA, VOTE_COLUMNS, strict=True)
    }
    corrected = record.take("corrected_beats", parse_count)
    paces = [
        read_pace(row, PACE_COLUMNS, f"{RESONANCE_CSV}:{line}: column ", problems)
        for line, row in group
    ]
    if record.ok and all(paces):
        from pfrelax.core.heart.resonance import FinderResult

        scores = tuple(pace for pace in paces if pace is not None)
        yield ResultIn(prefix, time, run_ref, FinderResult(scores, votes, chosen, corrected))


def parse_count(raw: object) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= _MAX_COUNT:
        return raw
    if isinstance(raw, str) and _COUNT.fullmatch(raw):
        return int(raw)
    raise FieldError(f"{shown(raw)} is not a whole number of beats (0 or more)")


def parse_optional_figure(raw: object) -> float | None:
    """A figure >= 0, or None (empty) where there were too few beats to say it."""
    return _optional_number(raw, "a number 0 or more", lambda v: v >= 0)


def parse_optional_heart_rate(raw: object) -> float | None:
    """A mean heart rate > 0 (the table's CHECK), or None where there were too few beats."""
    return _optional_number(raw, "a heart rate above 0", lambda v: v > 0)


# A figure whose range is narrower than "0 or more" (run_heart_figures' CHECKs).
_FIGURE_PARSERS: dict[str, Callable[[object], float | None]] = {
    "mean_hr_bpm": parse_optional_heart_rate
}


def parse_optional_phase(raw: object) -> float | None:
    return _optional_number(raw, "a phase from -180 to 180 degrees", lambda v: -180 <= v <= 180)


def parse_optional_rate(raw: object) -> float | None:
    low, high = RATE_RANGE
    return _optional_number(raw, f"a pace of {low:g}–{high:g} breaths a minute", _a_rate)


def parse_rate(raw: object) -> float:
    rate = parse_optional_rate(raw)
    if rate is None:
        raise FieldError("is empty; give the pace in breaths a minute")
    return rate


def _a_rate(value: float) -> bool:
    return RATE_RANGE[0] <= value <= RATE_RANGE[1]


def _optional_number(raw: object, what: str, fits: Callable[[float], bool]) -> float | None:
    if raw is None or raw == "":
        return None
    value: float | None = None
    if isinstance(raw, int | float | str) and not isinstance(raw, bool):
        try:
            value = float(raw)
        except (ValueError, OverflowError):  # not a number; an integer too big for a float
            value = None
    if value is None or not math.isfinite(value) or not fits(value):
        raise FieldError(f"{shown(raw)} is not {what}, or empty")
    return value


def _nan(value: float | None) -> float:
    return math.nan if value is None else value
