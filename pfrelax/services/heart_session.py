"""Heart rate during a session: the chosen source run with playback, its beats placed on the
session's time, the live values the player shows, and the run's figures at its end (no Qt).

Beats are timed on the source's clock (the app's, injected); while the session plays they are
placed on session time (its position, pauses and the count-in left out). A Bluetooth source
fills its queue on a worker thread; `poll()` drains it and may be called from any thread (one
lock guards everything here), though the player calls it from its own timer, a few times a
second. A dropped strap never stops a session: the state says so and breathing goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from pfrelax.core.clock import Clock
from pfrelax.core.heart.pacing import Breath, breaths_from_timeline
from pfrelax.core.session import Session
from pfrelax.core.timeline import Timeline
from pfrelax.core.transport import State
from pfrelax.errors import InputError
from pfrelax.sensors.source import STATE_TEXT, HeartRateSource, SourceState
from pfrelax.services.heart_sources import HeartChoice, open_source
from pfrelax.services.playback import Playback
from pfrelax.store.errors import StoreError

if TYPE_CHECKING:
    from pfrelax.core.heart.figures import RunFigures
    from pfrelax.store.db import Database

log = logging.getLogger(__name__)
T = TypeVar("T")

TRACE_SECONDS = 90.0  # how much of the heart rate the live trace shows
RECENT_BEATS = 160  # the window cleaned for the live values (about two minutes)
FOLLOWING_MORE_BY = 0.15  # a rise this large over the session's first reading is said aloud
FOLLOWING_SHOWN_FROM = 0.5
FOLLOWING_MORE = "Your heart follows your breath more now"
FOLLOWING_WITH = "Your heart rate rises and falls with your breath"
PAUSED_TEXT = "Paused"
_MOVING = (State.COUNT_IN, State.PLAYING)

# (run id or None when the run is not recorded, figures): where the figures are kept.
FiguresKeeper = Callable[[int | None, "RunFigures"], None]
# The history database, asked at the run's end (None: history cannot be written now).
DatabaseSource = Callable[[], "Database | None"]
SourceOpener = Callable[[HeartChoice, Clock, tuple[Breath, ...], int], HeartRateSource]


@dataclass(frozen=True, slots=True)
class LiveHeart:
    """What the player shows now. `version` grows with every new beat (redraw only then)."""

    source_name: str = ""
    state_text: str = ""
    battery_percent: int | None = None
    bpm: float | None = None
    last_swing_bpm: float | None = None  # the last whole breath's peak-to-trough
    following: float | None = None  # 0–1: how much the heart rate moves with the breath
    following_text: str = ""  # never a judgement; empty when there is nothing kind to say
    trace: tuple[tuple[float, float], ...] = ()  # (session s, bpm), the last TRACE_SECONDS
    beats: int = 0
    corrected_beats: int = 0  # in the recent window the live values come from
    version: int = 0


@dataclass(slots=True)
class _Run:
    """The beats of one play-through, on session time (s), raw RR (ms)."""

    times_s: list[float] = field(default_factory=list)
    rr_ms: list[float] = field(default_factory=list)
    first_following: float | None = None
    version: int = 0


class HeartSession:
    """Runs the chosen source along with `playback`; see the module docstring.

    `run_id` says which run the figures belong to (the run recorder's); `keep_figures` stores
    them (hr-figures' storage). Both may be set after construction, by the app's wiring.
    """

    def __init__(
        self,
        playback: Playback,
        clock: Clock,
        *,
        opener: SourceOpener = open_source,
        run_id: Callable[[], int | None] = lambda: None,
        keep_figures: FiguresKeeper | None = None,
    ) -> None:
        self._playback = playback
        self._clock = clock
        self._opener = opener
        self.run_id = run_id
        self.keep_figures = keep_figures
        self._lock = threading.RLock()
        self._choice = HeartChoice()
        self._active = HeartChoice()  # the choice of the session under way
        self._source: HeartRateSource | None = None
        self._problem = ""
        self._run = _Run()
        self._breaths: tuple[Breath, ...] = ()
        self._timeline: Timeline | None = None
        self._last_state = State.IDLE
        self._playing_since: float | None = None  # clock time the session last began to move
        self._runs_started = 0
        self._live = LiveHeart()
        self.last_figures: RunFigures | None = None
        playback.on_loaded(self._on_loaded)
        playback.on_state_changed(self._on_state_changed)
        playback.on_ended(self._on_ended)

    # --- choosing -----------------------------------------------------------------------------
    @property
    def choice(self) -> HeartChoice:
        return self._choice

    def set_choice(self, choice: HeartChoice) -> None:
        """Used from the next session on; the one under way keeps its source."""
        with self._lock:
            self._choice = choice

    @property
    def active(self) -> bool:
        """A source is chosen for the session under way (or the next one, when none is)."""
        with self._lock:
            return self._active.on if self._is_running() else self._choice.on

    # --- reading ------------------------------------------------------------------------------
    def poll(self) -> LiveHeart:
        """Take the beats that arrived, and return what to show now."""
        with self._lock:
            self._collect()
            self._live = self._compute_live()
            return self._live

    def live(self) -> LiveHeart:
        with self._lock:
            return self._live

    def beats(self) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """The beats of the run so far: (session times s, raw RR ms)."""
        with self._lock:
            return tuple(self._run.times_s), tuple(self._run.rr_ms)

    def shutdown(self) -> None:
        with self._lock:
            self._stop_source()

    # --- playback events ----------------------------------------------------------------------
    def _on_loaded(self, _session: Session, timeline: Timeline) -> None:
        with self._lock:
            self._stop_source()
            self._run = _Run()
            self._active = self._choice
            self._problem = ""
            self._last_state = State.IDLE
            self._timeline = None
            self._breaths_of(timeline)
            self._live = self._compute_live()

    def _on_state_changed(self, state: State) -> None:
        with self._lock:
            previous, self._last_state = self._last_state, state
            if state in _MOVING and previous not in (*_MOVING, State.PAUSED):
                self._begin()  # a fresh play-through (from the top, or again after the end)
            if not self._active.on:
                return
            if state is State.PLAYING:
                self._resume()
            elif state is State.PAUSED:
                self._collect()  # what arrived before the pause is the session's
                self._playing_since = None
                if self._active.follows_pauses:
                    self._stop_source()
            self._live = self._compute_live()

    def _on_ended(self, _session: Session, _finished: bool) -> None:
        with self._lock:
            if not self._active.on:
                return
            self._collect()
            self._playing_since = None
            self._stop_source()
            self._live = self._compute_live()
            figures = self._figures()
        if figures is not None:
            self._hand_over(figures)

    # --- inside -------------------------------------------------------------------------------
    def _begin(self) -> None:
        self._stop_source()
        self._run = _Run()
        self._active = self._choice
        self._problem = ""
        self._runs_started += 1
        if self._active.on and self._active.connects_early:
            self._open(())

    def _resume(self) -> None:
        self._playing_since = self._clock.now()
        if self._source is None:
            position_s = self._playback.position_ms() / 1000
            ahead = tuple(
                Breath(b.start_s - position_s, b.inhale_end_s - position_s, b.end_s - position_s)
                for b in self._current_breaths()
                if b.end_s > position_s
            )
            self._open(ahead)

    def _open(self, paced: tuple[Breath, ...]) -> None:
        try:
            source = self._opener(self._active, self._clock, paced, self._runs_started)
        except InputError as error:
            self._problem = str(error)
            return
        self._problem = ""
        self._source = source
        self._guarded(source.start)

    def _guarded(self, call: Callable[[], T]) -> T | None:
        """`call` on the source; if it fails (a bug in it, or its library's, or no thread left to
        start), the source is let go and the session goes on, saying the signal is lost."""
        try:
            return call()
        except Exception:  # a heart source must never stop the breathing
            log.exception("heart: the source failed; the session goes on without it")
            self._problem = STATE_TEXT[SourceState.SIGNAL_LOST]
            self._stop_source()
            return None

    def _stop_source(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            try:
                source.stop()
            except Exception:  # letting a source go must never stop the session
                log.exception("heart: the source failed to stop")

    def _is_running(self) -> bool:
        return self._playback.state in (State.COUNT_IN, State.PLAYING, State.PAUSED)

    def _collect(self) -> None:
        """Drain the source; keep beats that fell while the session was moving, on its time."""
        source = self._source
        if source is None:
            return
        arrived = self._guarded(source.poll) or []
        since = self._playing_since
        if since is None or self._playback.state is not State.PLAYING:
            return  # counting in or paused: the session's time is not moving
        now, position_s = self._clock.now(), self._playback.position_ms() / 1000
        run = self._run
        for beat in arrived:
            session_s = position_s - (now - beat.time_s)
            last = run.times_s[-1] if run.times_s else -1.0
            # Before the session moved, or behind a step back (the figures need time to run on).
            if beat.time_s < since or session_s < 0 or session_s <= last:
                continue
            run.times_s.append(session_s)
            run.rr_ms.append(beat.rr_ms)
            run.version += 1

    def _current_breaths(self) -> tuple[Breath, ...]:
        timeline = self._playback.timeline
        return self._breaths_of(timeline) if timeline is not None else ()

    def _breaths_of(self, timeline: Timeline) -> tuple[Breath, ...]:
        if timeline is not self._timeline:  # a patient-paced stay grows the timeline
            self._timeline, self._breaths = timeline, breaths_from_timeline(timeline)
        return self._breaths

    def _state_text(self) -> tuple[str, int | None]:
        if self._problem:
            return self._problem, None
        source = self._source
        if self._playback.state is State.PAUSED:
            battery = source.battery_percent if source is not None else None
            return PAUSED_TEXT, battery
        if source is None:
            return "", None
        state = source.state
        text = STATE_TEXT[state]
        # A strap not reached yet says why (Bluetooth off, no permission), in plain words.
        why = getattr(source, "last_error", None)
        if why and isinstance(why, str) and state is not SourceState.CONNECTED:
            text = f"{text} {why}"
        return text, source.battery_percent

    def _compute_live(self) -> LiveHeart:
        if not self._active.on:
            return LiveHeart()
        state_text, battery = self._state_text()
        base = LiveHeart(
            self._active.name, state_text, battery, beats=len(self._run.rr_ms), version=-1
        )
        if len(self._run.rr_ms) < 2:
            return base
        from pfrelax.core.heart.live import live_values  # numpy: only once beats come

        values = live_values(
            self._run.times_s[-RECENT_BEATS:],
            self._run.rr_ms[-RECENT_BEATS:],
            self._current_breaths(),
            self._playback.position_ms() / 1000,
            TRACE_SECONDS,
        )
        if values.following is not None and self._run.first_following is None:
            self._run.first_following = values.following
        return LiveHeart(
            base.source_name,
            state_text,
            battery,
            bpm=values.bpm,
            last_swing_bpm=values.last_swing_bpm,
            following=values.following,
            following_text=self._following_text(values.following),
            trace=values.trace,
            beats=len(self._run.rr_ms),
            corrected_beats=values.corrected_beats,
            version=self._run.version,
        )

    def _following_text(self, following: float | None) -> str:
        first = self._run.first_following
        if following is None or first is None:
            return ""
        if following >= first + FOLLOWING_MORE_BY:
            return FOLLOWING_MORE
        return FOLLOWING_WITH if following >= FOLLOWING_SHOWN_FROM else ""

    def _figures(self) -> RunFigures | None:
        if len(self._run.rr_ms) < 2:
            return None
        from pfrelax.core.heart.figures import run_figures

        figures = run_figures(self._run.times_s, self._run.rr_ms, self._current_breaths())
        self.last_figures = figures
        return figures

    def _hand_over(self, figures: RunFigures) -> None:
        """The one place the run's figures leave this service (hr-figures' storage)."""
        keep = self.keep_figures
        if keep is None:
            log.info("heart: figures of an unrecorded run: %s", figures)
            return
        keep(self.run_id(), figures)


def history_keeper(
    database: DatabaseSource, on_problem: Callable[[str], None] | None = None
) -> FiguresKeeper:
    """Keeps each run's figures in the history (hr-figures' `HeartHistory`); a run that is not
    recorded keeps none. A write the store refuses is told to `on_problem`, never raised: the
    session has ended well all the same."""

    def keep(run_id: int | None, figures: RunFigures) -> None:
        db = database()
        if run_id is None or db is None:
            return
        from pfrelax.services.heart_history import HeartHistory

        try:
            HeartHistory(db).record_run_figures(run_id, figures)
        except (StoreError, ValueError) as error:
            log.warning("heart: the figures of run %s were not kept: %s", run_id, error)
            if on_problem is not None:
                on_problem(f"Your heart numbers for this session were not saved: {error}")

    return keep
