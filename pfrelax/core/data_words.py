"""The words an export or import tells what it held: each kind counted, the rarer kinds only when
there are any."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KindCounts:
    """How many of each kind of record; the heart figures are counted by run."""

    checkins: int
    runs: int
    practice_logs: int = 0
    heart_figures: int = 0
    finder_results: int = 0


def kinds_words(counts: KindCounts, runs_word: str = "session run") -> str:
    """ "3 check-ins and 1 session run"; "3 check-ins, 2 session runs, 1 practice log, heart
    figures of 2 runs and 1 pace finder result" when there are more kinds."""
    parts = [_plural(counts.checkins, "check-in"), _plural(counts.runs, runs_word)]
    if counts.practice_logs:
        parts.append(_plural(counts.practice_logs, "practice log"))
    if counts.heart_figures:
        parts.append(f"heart figures of {_plural(counts.heart_figures, 'run')}")
    if counts.finder_results:
        parts.append(_plural(counts.finder_results, "pace finder result"))
    if len(parts) == 2:
        return f"{parts[0]} and {parts[1]}"
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
