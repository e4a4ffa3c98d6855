"""When a run of a session counts as completed: the one rule for the end screen, Today and report.

A run is **completed** only when it reached the end of the session *and* at least 80 % of the
session's length was actually played (heard and seen at normal speed: paused time, skipped steps
and seeked-over stretches do not count). Anything else is a **partial** run: its played minutes
still count as practice ("You practised 2 minutes — that counts"), but it is not a done session
on the Today page or in the PT report's plan adherence.
"""

from __future__ import annotations

COMPLETED_SHARE = 0.8  # of a session's length, played, for a run that reached the end


def counts_as_completed(reached_end: bool, played_ms: int, length_ms: int) -> bool:
    """Whether a run that ended after `played_ms` of play is a completed session."""
    if not reached_end or length_ms <= 0:
        return False
    return played_ms >= COMPLETED_SHARE * length_ms


def minutes_words(played_ms: int) -> str:
    """ "2 minutes", "1 minute"; "" under half a minute (too little to name in minutes)."""
    if played_ms < 30_000:
        return ""
    minutes = max(1, round(played_ms / 60_000))
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
