"""The pace finder as a use case: a played finder session's beats scored and kept, and "your pace"
made into a session of one's own (no Qt).

The beats come on the session's time (seconds from the start of its timeline, pauses left out),
as the heart session collects them; the paces are placed by the finder's own timeline, which the
built-in session file is tested to match.
"""

from __future__ import annotations

from collections.abc import Sequence

from pfrelax.core.heart.resonance import (
    MIN_EPOCH_BEATS,
    FinderResult,
    find_resonance,
    finder_plan,
    personal_session,
)
from pfrelax.core.session import Session
from pfrelax.services.heart_history import HeartHistory, SavedFinderResult
from pfrelax.services.my_sessions import MySessions
from pfrelax.store.db import Database
from pfrelax.store.timecodec import Clock, local_now

FINDER_SESSION_ID = "resonance-finder"


def is_finder(session: Session) -> bool:
    """The built-in pace finder (not a pack's or one's own session that shares its id)."""
    return session.id == FINDER_SESSION_ID and session.pack_id is None and not session.personal


def score(times_s: Sequence[float], rr_ms: Sequence[float]) -> FinderResult | None:
    """Each pace scored and the rule applied; None when no pace had beats enough to score
    (no strap on, or the session stopped within the first pace)."""
    if len(times_s) < MIN_EPOCH_BEATS:
        return None
    result = find_resonance(times_s, rr_ms, finder_plan())
    if all(epoch.beats < MIN_EPOCH_BEATS for epoch in result.epochs):
        return None
    return result


class PaceFinder:
    """Keeps finder results in the history and makes "your pace" a session of one's own."""

    def __init__(self, db: Database, my_sessions: MySessions, now: Clock = local_now) -> None:
        self._history = HeartHistory(db, now)
        self._my_sessions = my_sessions

    def keep(
        self, times_s: Sequence[float], rr_ms: Sequence[float], run_id: int | None = None
    ) -> SavedFinderResult | None:
        """Score the beats of a finder run and keep the result (one transaction); None when
        there was nothing to score. StoreError when the history refuses the write."""
        result = score(times_s, rr_ms)
        if result is None:
            return None
        return self._history.finder_result(self._history.record_finder_result(result, run_id))

    def latest(self) -> SavedFinderResult | None:
        return self._history.latest_finder_result()

    def results(self) -> list[SavedFinderResult]:
        """Every kept result, newest first (the way they are looked back on)."""
        return self._history.finder_results()[::-1]

    def make_session(self, rate: float) -> Session:
        """The personal resonance session (40:60 in:out at `rate`) in My sessions; the one
        already there when it was made before. MySessionsError when it cannot be written."""
        return self._my_sessions.add(personal_session(rate))
